/** The demo tenants and people; the README lists the same credentials. */
export const DEMO_PASSWORDS = {
  super: 'beacon-super-1',
  demoAdmin: 'beacon-admin-1',
  manager: 'beacon-manager-1',
  lead: 'beacon-lead-1',
  tech1: 'beacon-tech-1',
  tech2: 'beacon-tech-2',
  alice: 'beacon-alice-1',
  otherAdmin: 'beacon-other-1',
} as const

export const DEMO_ORGANIZATIONS = [
  {
    slug: 'demo-isp',
    name: 'Demo ISP',
    status: 'ACTIVE',
    timeZone: 'Africa/Nairobi',
    locale: 'en-KE',
    currency: 'KES',
    contact: { name: 'Demo ISP support', email: 'support@demo-isp.test', phone: '+254700000001' },
    branding: { displayName: 'Demo ISP WiFi', color: '#0f766e' },
    branches: ['Downtown', 'Airport'],
  },
  {
    slug: 'other-isp',
    name: 'Other ISP',
    status: 'ACTIVE',
    timeZone: 'Africa/Kampala',
    locale: 'en-UG',
    currency: 'UGX',
    contact: { name: 'Other ISP support', email: 'support@other-isp.test', phone: '+256700000001' },
    branding: { displayName: 'Other ISP', color: '#7c3aed' },
    branches: ['Main Street'],
  },
] as const

type DemoMembership = { organization: string; role: string; branches?: string[] }
export type DemoUser = {
  email: string
  password: string
  name: string
  isSuperAdmin?: boolean
  username?: string
  memberships: DemoMembership[]
  customer?: { connectionType: string; macAddresses: string[] }
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'super@beacon.test', password: DEMO_PASSWORDS.super, name: 'Sam Super', isSuperAdmin: true, memberships: [] },
  {
    email: 'admin@demo-isp.test',
    password: DEMO_PASSWORDS.demoAdmin,
    name: 'Dee Admin',
    memberships: [{ organization: 'demo-isp', role: 'org-admin' }],
  },
  {
    email: 'manager@demo-isp.test',
    password: DEMO_PASSWORDS.manager,
    name: 'Mo Manager',
    memberships: [{ organization: 'demo-isp', role: 'loc-manager', branches: ['Downtown'] }],
  },
  {
    email: 'lead@demo-isp.test',
    password: DEMO_PASSWORDS.lead,
    name: 'Lee Lead',
    memberships: [{ organization: 'demo-isp', role: 'supervisor' }],
  },
  {
    email: 'tech1@demo-isp.test',
    password: DEMO_PASSWORDS.tech1,
    name: 'John Tech',
    memberships: [{ organization: 'demo-isp', role: 'agent' }],
  },
  {
    email: 'tech2@demo-isp.test',
    password: DEMO_PASSWORDS.tech2,
    name: 'Emma Tech',
    memberships: [{ organization: 'demo-isp', role: 'agent' }],
  },
  {
    email: 'alice@demo-isp.test',
    password: DEMO_PASSWORDS.alice,
    name: 'Alice Customer',
    username: 'alice',
    memberships: [{ organization: 'demo-isp', role: 'customer', branches: ['Downtown'] }],
    customer: { connectionType: 'HOTSPOT', macAddresses: ['a4:5e:60:c1:22:01'] },
  },
  {
    email: 'admin@other-isp.test',
    password: DEMO_PASSWORDS.otherAdmin,
    name: 'Olu Other',
    memberships: [{ organization: 'other-isp', role: 'org-admin' }],
  },
]

export type DemoPlan = {
  organization: string
  name: string
  downloadMbps: number
  uploadMbps: number
  validityMinutes: number
  dataCapMB?: number
  devicesAllowed: number
  price: number
}

/** Speeds read the way RouterOS writes them, upload/download: "1 Hour" is 5/10 Mbps. */
export const DEMO_PLANS: DemoPlan[] = [
  { organization: 'demo-isp', name: '1 Hour', uploadMbps: 5, downloadMbps: 10, validityMinutes: 60, devicesAllowed: 1, price: 20 },
  {
    organization: 'demo-isp',
    name: 'Day Pass',
    uploadMbps: 10,
    downloadMbps: 20,
    validityMinutes: 24 * 60,
    dataCapMB: 2_000,
    devicesAllowed: 2,
    price: 100,
  },
  { organization: 'demo-isp', name: 'Week', uploadMbps: 10, downloadMbps: 20, validityMinutes: 7 * 24 * 60, devicesAllowed: 3, price: 500 },
  { organization: 'other-isp', name: 'Daily', uploadMbps: 4, downloadMbps: 8, validityMinutes: 24 * 60, devicesAllowed: 1, price: 2_000 },
]

/**
 * The demo routers. Downtown's is this machine, with Message-Authenticator not required, so
 * `radtest` from the README works against the RADIUS service out of the box.
 */
export const DEMO_ROUTERS = [
  {
    organization: 'demo-isp',
    branch: 'Downtown',
    name: 'Downtown hotspot',
    nasIdentifier: 'downtown-hotspot',
    ipAddress: '127.0.0.1',
    secret: 'testing123',
    requireMessageAuthenticator: false,
  },
  {
    organization: 'other-isp',
    branch: 'Main Street',
    name: 'Main Street hotspot',
    nasIdentifier: 'main-street-hotspot',
    ipAddress: '127.0.0.2',
    secret: 'other-isp-secret',
    requireMessageAuthenticator: true,
  },
] as const

export const DEMO_VOUCHER_BATCHES = [
  { organization: 'demo-isp', branch: 'Downtown', plan: '1 Hour', batchId: 'DEMO-1HOUR', count: 20 },
  { organization: 'demo-isp', branch: 'Downtown', plan: 'Day Pass', batchId: 'DEMO-DAYPASS', count: 5 },
  { organization: 'other-isp', branch: 'Main Street', plan: 'Daily', batchId: 'DEMO-OTHER', count: 5 },
] as const

/** Alice's WiFi history at Downtown: one device online now, three sessions that ended. */
export const DEMO_SESSIONS = [
  { plan: '1 Hour', status: 'active', startedMinutesAgo: 20, lastIp: '10.5.50.12', megabytes: 84, acctSessionId: '81a00004' },
  { plan: 'Day Pass', status: 'expired', startedMinutesAgo: 3 * 24 * 60, lastIp: '10.5.50.31', megabytes: 1_240, terminateCause: 'Session-Timeout', acctSessionId: '81a00003' },
  { plan: '1 Hour', status: 'terminated', startedMinutesAgo: 5 * 24 * 60, lastIp: '10.5.50.7', megabytes: 96, terminateCause: 'User-Request', acctSessionId: '81a00002', endedAfterMinutes: 35 },
  { plan: '1 Hour', status: 'terminated', startedMinutesAgo: 9 * 24 * 60, lastIp: '10.5.50.44', megabytes: 12, terminateCause: 'Admin-Reset', acctSessionId: '81a00001', endedAfterMinutes: 8 },
] as const

/**
 * Demo ISP's helpdesk, numbered #1–#5 in this order (seed 002's tickets, with #3 and #4 made up
 * for an ISP's front desk).
 */
export type DemoTicket = {
  title: string
  branch: string
  status: 'open' | 'in-progress' | 'waiting' | 'resolved' | 'closed'
  priority: 'low' | 'normal' | 'high' | 'urgent'
  requester?: string
  assignee?: string
  description: string
}

export const DEMO_TICKETS: DemoTicket[] = [
  { title: 'Email not working', branch: 'Downtown', status: 'in-progress', priority: 'high', requester: 'alice@demo-isp.test', assignee: 'tech1@demo-isp.test', description: 'Alice cannot send email from her laptop since this morning.' },
  { title: 'Printer connection', branch: 'Downtown', status: 'in-progress', priority: 'normal', assignee: 'tech2@demo-isp.test', description: 'The front-desk printer drops off the network.' },
  { title: 'WiFi drops in the lounge', branch: 'Airport', status: 'open', priority: 'normal', description: 'Guests in the departure lounge lose the connection every few minutes.' },
  { title: 'Voucher not accepted', branch: 'Downtown', status: 'waiting', priority: 'low', requester: 'alice@demo-isp.test', assignee: 'tech1@demo-isp.test', description: 'A voucher bought yesterday is refused; waiting for the customer to send the code.' },
  { title: 'Laptop running slow', branch: 'Downtown', status: 'in-progress', priority: 'normal', assignee: 'tech2@demo-isp.test', description: 'The branch laptop takes minutes to open the router admin page.' },
]

/** Seed 002's time: two completed sessions and Emma's timer, started 30 minutes before seeding. */
export const DEMO_TIME_SESSIONS = [
  { ticket: 1, agent: 'tech1@demo-isp.test', startedMinutesAgo: 26 * 60, minutes: 120, note: 'Fixed Azure AD sync issue' },
  { ticket: 2, agent: 'tech2@demo-isp.test', startedMinutesAgo: 50 * 60, minutes: 45, note: 'Diagnosed printer connection issue' },
  { ticket: 5, agent: 'tech2@demo-isp.test', startedMinutesAgo: 30, minutes: null, note: 'Currently working on laptop diagnostics' },
] as const
