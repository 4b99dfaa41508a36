import pg from 'pg'
const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
await client.connect()
const router = (await client.query(`select r.id from routers r where ip_address = '127.0.0.1'`)).rows[0].id
const codes = (await client.query(`select code from vouchers v join routers r on r.location_id = v.location_id and r.id = $1 where v.status = 'AVAILABLE' limit 1000`, [router])).rows.map((r) => r.code)
console.log('codes', codes.length)
const time = async (label: string, n: number, f: (i: number) => Promise<unknown>) => {
  const t = performance.now(); const cpu = process.cpuUsage()
  for (let i = 0; i < n; i++) await f(i)
  const ms = performance.now() - t; const c = process.cpuUsage(cpu)
  console.log(label, (ms / n * 1000).toFixed(0), 'µs/call wall', ((c.user + c.system) / n).toFixed(0), 'µs node cpu')
}
await time('select 1', 1000, () => client.query({ name: 's1', text: 'select 1' }))
await time('voucher login', 300, (i) => client.query({ name: 'vl', text: 'select * from beacon_voucher_login($1,$2,$3,$4,$5,$6)', values: [router, codes[i], `02:AA:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`, new Date().toISOString(), ['SUSPENDED', 'EXPIRED'], 1048576] }))
await client.query('set synchronous_commit = off')
await time('voucher login (async commit)', 300, (i) => client.query({ name: 'vl', text: 'select * from beacon_voucher_login($1,$2,$3,$4,$5,$6)', values: [router, codes[300 + i], `02:AB:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`, new Date().toISOString(), ['SUSPENDED', 'EXPIRED'], 1048576] }))
await client.query('begin')
await time('voucher login (in one tx)', 300, (i) => client.query({ name: 'vl', text: 'select * from beacon_voucher_login($1,$2,$3,$4,$5,$6)', values: [router, codes[600 + i], `02:AC:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`, new Date().toISOString(), ['SUSPENDED', 'EXPIRED'], 1048576] }))
await client.query('rollback')
await client.end()
