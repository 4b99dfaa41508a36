import pg from 'pg'
import { createLocalReq } from 'payload'
import { prepareDatabase } from '../src/db/prepare'
import { generateVoucherBatch } from '../src/plugins/network/vouchers/generateBatch'
const { payload } = await prepareDatabase({ demoData: 'always' })
const superAdmin = (await payload.find({ collection: 'users', where: { email: { equals: 'super@beacon.test' } }, limit: 1 })).docs[0]
const downtown = (await payload.find({ collection: 'locations', where: { name: { equals: 'Downtown' } }, limit: 1 })).docs[0]
const plan = (await payload.find({ collection: 'plans', limit: 1, where: { organization: { equals: typeof downtown.organization === 'object' ? downtown.organization.id : downtown.organization } } })).docs[0]
const req = await createLocalReq({ user: { ...superAdmin, collection: 'users' } }, payload)
await generateVoucherBatch(req, { plan: String(plan.id), count: 2000, location: String(downtown.id) } as never)
const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
await client.connect()
await client.query(`set track_functions = 'all'`)
const router = (await client.query(`select r.id from routers r where ip_address = '127.0.0.1'`)).rows[0].id
const codes = (await client.query(`select code from vouchers v join routers r on r.location_id = v.location_id and r.id = $1 where v.status = 'AVAILABLE' limit 2000`, [router])).rows.map((r) => r.code)
console.log('codes', codes.length)
const time = async (label: string, n: number, f: (i: number) => Promise<unknown>) => {
  const t = performance.now(); const cpu = process.cpuUsage()
  for (let i = 0; i < n; i++) await f(i)
  const ms = performance.now() - t; const c = process.cpuUsage(cpu)
  console.log(label.padEnd(40), (ms / n * 1000).toFixed(0).padStart(6), 'µs/call wall', ((c.user + c.system) / n).toFixed(0).padStart(6), 'µs node cpu')
}
const mac = (p: number, i: number) => `02:A${p}:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`
const login = (code: string, m: string) => client.query({ name: 'vl', text: 'select * from beacon_voucher_login($1,$2,$3,$4,$5,$6)', values: [router, code, m, new Date().toISOString(), ['SUSPENDED', 'EXPIRED'], 1048576] })
await time('select 1', 2000, () => client.query({ name: 's1', text: 'select 1' }))
await time('voucher login', 500, (i) => login(codes[i], mac(1, i)))
await time('voucher login again (same device)', 500, (i) => login(codes[i], mac(1, i)))
await time('system customer', 500, () => client.query({ name: 'sc', text: 'select beacon_system_customer(null, $1, $2, $3)', values: ['x', downtown.organization && (typeof downtown.organization === 'object' ? downtown.organization.id : downtown.organization), downtown.id] }))
await time('voucher lookup only', 500, (i) => client.query({ name: 'vs', text: `select * from vouchers where code = $1`, values: [codes[1000 + i]] }))
console.log((await client.query(`select funcname, calls, total_time, self_time from pg_stat_user_functions`)).rows)
await client.end()
await payload.destroy()
process.exit(0)
