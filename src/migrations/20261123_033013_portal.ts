import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The captive portal.
 * - Routers get the hotspot's DNS name, the one public host the portal may hand sign-ins to.
 * - Customers sign in with their phone number: numbers are stored in one spelling (`+` and
 *   digits, see src/lib/phone.ts), the ones already stored rewritten to it where they read as a
 *   number (the others are kept as they are), and indexed.
 * - The RFC 8908 API finds the asking device by its address at its router: an index of open
 *   sessions only, as small as the devices online however long the history.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "routers" ADD COLUMN "hotspot_address" varchar;
  UPDATE "users" SET "phone" = CASE WHEN btrim("phone") LIKE '+%' THEN '+' ELSE '' END || regexp_replace("phone", '[^0-9]', '', 'g')
    WHERE "phone" ~ '^\\s*\\+?[0-9\\s().-]+$' AND length(regexp_replace("phone", '[^0-9]', '', 'g')) BETWEEN 7 AND 15;
  UPDATE "users" SET "phone" = NULL WHERE btrim("phone") = '';
  CREATE INDEX "users_phone_idx" ON "users" USING btree ("phone");
  CREATE INDEX "sessions_open_router_ip_idx" ON "sessions" USING btree ("router_id", "usage_last_ip")
    WHERE "status" IN ('pending', 'active');`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX "sessions_open_router_ip_idx";
  DROP INDEX "users_phone_idx";
  ALTER TABLE "routers" DROP COLUMN "hotspot_address";`)
}
