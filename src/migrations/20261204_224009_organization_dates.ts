import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_organizations_date_format" AS ENUM('dd/MM/yyyy', 'MM/dd/yyyy', 'yyyy-MM-dd', 'dd.MM.yyyy');
  ALTER TABLE "organizations" ADD COLUMN "locale" varchar DEFAULT 'en-GB';
  ALTER TABLE "organizations" ADD COLUMN "date_format" "enum_organizations_date_format";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "organizations" DROP COLUMN "locale";
  ALTER TABLE "organizations" DROP COLUMN "date_format";
  DROP TYPE "public"."enum_organizations_date_format";`)
}
