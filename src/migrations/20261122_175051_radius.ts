import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_sessions_auth_method" AS ENUM('voucher', 'account', 'mac', 'accounting');
  CREATE TYPE "public"."enum_archived_sessions_auth_method" AS ENUM('voucher', 'account', 'mac', 'accounting');
  CREATE TABLE "portal_credentials" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"username" varchar NOT NULL,
  	"password_encrypted" varchar NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"session_id" uuid NOT NULL,
  	"device_mac" varchar NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"used_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  DROP INDEX "router_acctSessionId_idx";
  ALTER TABLE "users" ADD COLUMN "customer_plan_id" uuid;
  ALTER TABLE "users" ADD COLUMN "customer_plan_expires_at" timestamp(3) with time zone;
  ALTER TABLE "sessions" ADD COLUMN "auth_method" "enum_sessions_auth_method";
  ALTER TABLE "archived_sessions" ADD COLUMN "auth_method" "enum_archived_sessions_auth_method";
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "portal_credentials_id" uuid;
  ALTER TABLE "portal_credentials" ADD CONSTRAINT "portal_credentials_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "portal_credentials" ADD CONSTRAINT "portal_credentials_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "portal_credentials_username_idx" ON "portal_credentials" USING btree ("username");
  CREATE INDEX "portal_credentials_organization_idx" ON "portal_credentials" USING btree ("organization_id");
  CREATE INDEX "portal_credentials_session_idx" ON "portal_credentials" USING btree ("session_id");
  CREATE INDEX "portal_credentials_expires_at_idx" ON "portal_credentials" USING btree ("expires_at");
  CREATE INDEX "portal_credentials_updated_at_idx" ON "portal_credentials" USING btree ("updated_at");
  CREATE INDEX "portal_credentials_created_at_idx" ON "portal_credentials" USING btree ("created_at");
  ALTER TABLE "users" ADD CONSTRAINT "users_customer_plan_id_plans_id_fk" FOREIGN KEY ("customer_plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_portal_credentials_fk" FOREIGN KEY ("portal_credentials_id") REFERENCES "public"."portal_credentials"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_customer_mac_addresses_mac_idx" ON "users_customer_mac_addresses" USING btree ("mac");
  CREATE INDEX "users_customer_customer_plan_idx" ON "users" USING btree ("customer_plan_id");
  CREATE INDEX "payload_locked_documents_rels_portal_credentials_id_idx" ON "payload_locked_documents_rels" USING btree ("portal_credentials_id");
  CREATE INDEX "router_acctSessionId_idx" ON "sessions" USING btree ("router_id","acct_session_id");`)
  // Written by hand (Payload cannot declare partial indexes): an Acct-Session-Id names at most one
  // open session of a router. Ended ones may share it, because RouterOS reuses ids after a reboot.
  await db.execute(sql`
  CREATE UNIQUE INDEX "sessions_open_acct_session_id_idx" ON "sessions" USING btree ("router_id","acct_session_id")
    WHERE "status" IN ('pending', 'active') AND "acct_session_id" IS NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP INDEX "sessions_open_acct_session_id_idx";`)
  await db.execute(sql`
   ALTER TABLE "portal_credentials" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "portal_credentials" CASCADE;
  ALTER TABLE "users" DROP CONSTRAINT "users_customer_plan_id_plans_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_portal_credentials_fk";
  
  DROP INDEX "users_customer_mac_addresses_mac_idx";
  DROP INDEX "users_customer_customer_plan_idx";
  DROP INDEX "payload_locked_documents_rels_portal_credentials_id_idx";
  DROP INDEX "router_acctSessionId_idx";
  CREATE UNIQUE INDEX "router_acctSessionId_idx" ON "sessions" USING btree ("router_id","acct_session_id");
  ALTER TABLE "users" DROP COLUMN "customer_plan_id";
  ALTER TABLE "users" DROP COLUMN "customer_plan_expires_at";
  ALTER TABLE "sessions" DROP COLUMN "auth_method";
  ALTER TABLE "archived_sessions" DROP COLUMN "auth_method";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "portal_credentials_id";
  DROP TYPE "public"."enum_sessions_auth_method";
  DROP TYPE "public"."enum_archived_sessions_auth_method";`)
}
