import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'auditLogs.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'auditLogs.read' BEFORE 'sessions.forceLogout';
  CREATE TABLE "audit_logs" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"organization_id" uuid,
  	"action" varchar NOT NULL,
  	"actor_id" uuid,
  	"actor_name" varchar,
  	"target_type" varchar NOT NULL,
  	"target_id" varchar NOT NULL,
  	"changes" jsonb,
  	"sequence" numeric NOT NULL,
  	"previous_hash" varchar NOT NULL,
  	"hash" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "audit_logs_id" uuid;
  ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "audit_logs_organization_idx" ON "audit_logs" USING btree ("organization_id");
  CREATE INDEX "audit_logs_action_idx" ON "audit_logs" USING btree ("action");
  CREATE INDEX "audit_logs_actor_idx" ON "audit_logs" USING btree ("actor_id");
  CREATE INDEX "audit_logs_target_type_idx" ON "audit_logs" USING btree ("target_type");
  CREATE INDEX "audit_logs_target_id_idx" ON "audit_logs" USING btree ("target_id");
  CREATE INDEX "audit_logs_updated_at_idx" ON "audit_logs" USING btree ("updated_at");
  CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs" USING btree ("created_at");
  CREATE UNIQUE INDEX "organization_sequence_idx" ON "audit_logs" USING btree ("organization_id","sequence");
  CREATE INDEX "organization_createdAt_idx" ON "audit_logs" USING btree ("organization_id","created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_audit_logs_fk" FOREIGN KEY ("audit_logs_id") REFERENCES "public"."audit_logs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_audit_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("audit_logs_id");`)

  // Written by hand: the audit log outlives what it names and cannot be changed.
  await db.execute(sql`
  -- An entry keeps the ids of the organization and the person even after they are deleted (the
  -- foreign keys would otherwise rewrite it, which the trigger below refuses).
  ALTER TABLE "audit_logs" DROP CONSTRAINT "audit_logs_organization_id_organizations_id_fk";
  ALTER TABLE "audit_logs" DROP CONSTRAINT "audit_logs_actor_id_users_id_fk";
  -- The platform's chain (entries without an organization) is numbered without repeats too.
  CREATE UNIQUE INDEX "audit_logs_platform_sequence" ON "audit_logs" ("sequence") WHERE "organization_id" IS NULL;
  -- Each chain's newest row and, once pruned, the row it starts after, with an HMAC over both
  -- (keyed from PAYLOAD_SECRET, which the database does not hold).
  CREATE TABLE "audit_log_chains" (
    "chain" varchar PRIMARY KEY,
    "head_sequence" numeric NOT NULL,
    "head_hash" varchar NOT NULL,
    "anchor_sequence" numeric NOT NULL DEFAULT 0,
    "anchor_hash" varchar NOT NULL,
    "mac" varchar NOT NULL
  );
  -- Append-only: no role, and no statement of the application, changes or removes an entry.
  CREATE FUNCTION beacon_audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$;
  CREATE TRIGGER "audit_logs_append_only" BEFORE UPDATE OR DELETE ON "audit_logs"
    FOR EACH ROW EXECUTE FUNCTION beacon_audit_logs_append_only();
  CREATE TRIGGER "audit_logs_no_truncate" BEFORE TRUNCATE ON "audit_logs"
    FOR EACH STATEMENT EXECUTE FUNCTION beacon_audit_logs_append_only();`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE IF EXISTS "audit_log_chains";
  DROP TRIGGER IF EXISTS "audit_logs_append_only" ON "audit_logs";
  DROP TRIGGER IF EXISTS "audit_logs_no_truncate" ON "audit_logs";
  DROP FUNCTION IF EXISTS beacon_audit_logs_append_only();
   ALTER TABLE "audit_logs" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "audit_logs" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_audit_logs_fk";
  
  ALTER TABLE "users_added_permissions" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_added_permissions";
  CREATE TYPE "public"."enum_users_added_permissions" AS ENUM('organizations.create', 'organizations.read', 'organizations.update', 'organizations.delete', 'locations.create', 'locations.read', 'locations.update', 'locations.delete', 'users.create', 'users.read', 'users.update', 'users.delete', 'routers.create', 'routers.read', 'routers.update', 'routers.delete', 'plans.create', 'plans.read', 'plans.update', 'plans.delete', 'vouchers.create', 'vouchers.read', 'vouchers.update', 'vouchers.delete', 'sessions.read', 'tickets.create', 'tickets.read', 'tickets.update', 'sessions.forceLogout', 'vouchers.generate', 'timeSessions.track', 'timeSessions.viewTeam', 'timeSessions.adjustTeam');
  ALTER TABLE "users_added_permissions" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_added_permissions" USING "value"::"public"."enum_users_added_permissions";
  ALTER TABLE "users_removed_permissions" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_removed_permissions";
  CREATE TYPE "public"."enum_users_removed_permissions" AS ENUM('organizations.create', 'organizations.read', 'organizations.update', 'organizations.delete', 'locations.create', 'locations.read', 'locations.update', 'locations.delete', 'users.create', 'users.read', 'users.update', 'users.delete', 'routers.create', 'routers.read', 'routers.update', 'routers.delete', 'plans.create', 'plans.read', 'plans.update', 'plans.delete', 'vouchers.create', 'vouchers.read', 'vouchers.update', 'vouchers.delete', 'sessions.read', 'tickets.create', 'tickets.read', 'tickets.update', 'sessions.forceLogout', 'vouchers.generate', 'timeSessions.track', 'timeSessions.viewTeam', 'timeSessions.adjustTeam');
  ALTER TABLE "users_removed_permissions" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_removed_permissions" USING "value"::"public"."enum_users_removed_permissions";
  DROP INDEX "payload_locked_documents_rels_audit_logs_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "audit_logs_id";`)
}
