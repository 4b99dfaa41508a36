import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The captive portal's RFC 8908 API finds the asking device by its address at its router: open
 * sessions only, so the index stays as small as the devices online, however long the history.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE INDEX "sessions_open_router_ip_idx" ON "sessions" USING btree ("router_id", "usage_last_ip")
    WHERE "status" IN ('pending', 'active');`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP INDEX IF EXISTS "sessions_open_router_ip_idx";`)
}
