import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'

import { adminPlugin } from './src/plugins/admin'
import { auditPlugin } from './src/plugins/audit'
import { helpdeskPlugin } from './src/plugins/helpdesk'
import { messagingPlugin } from './src/plugins/messaging'
import { monitoringPlugin } from './src/plugins/monitoring'
import { networkPlugin } from './src/plugins/network'
import { tenancyPlugin } from './src/plugins/tenancy'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  secret: process.env.PAYLOAD_SECRET ?? '',
  serverURL: process.env.BEACON_PUBLIC_URL,
  admin: {
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' — Beacon' },
    // Payload's default avatar is fetched from Gravatar; Beacon's pages load nothing from outside.
    avatar: 'default',
  },
  db: postgresAdapter({
    // A database that stops answering fails requests after 10 s instead of holding them forever.
    pool: { connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 10_000 },
    idType: 'uuid',
    // The schema changes only through the migrations committed in src/migrations.
    push: false,
    migrationDir: path.resolve(dirname, 'src/migrations'),
  }),
  editor: lexicalEditor(),
  // The audit plugin comes after the plugins whose collections it records; the admin plugin after
  // them, as it sets how every collection's dates read in the admin panel; monitoring last, to
  // count and log every job the others add.
  plugins: [tenancyPlugin(), networkPlugin(), helpdeskPlugin(), messagingPlugin(), auditPlugin(), adminPlugin(), monitoringPlugin()],
  // Regenerated on purpose with `npm run generate:types`, not as a side effect of starting up.
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
  telemetry: false,
})
