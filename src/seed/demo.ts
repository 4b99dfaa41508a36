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
