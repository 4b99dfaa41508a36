import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_routers_status" AS ENUM('ONLINE', 'OFFLINE', 'PENDING');
  CREATE TYPE "public"."enum_plans_type" AS ENUM('HOTSPOT', 'PPPOE');
  CREATE TYPE "public"."enum_vouchers_status" AS ENUM('AVAILABLE', 'USED', 'EXPIRED');
  CREATE TYPE "public"."enum_sessions_status" AS ENUM('pending', 'active', 'expired', 'terminated');
  CREATE TYPE "public"."enum_sessions_terminate_cause" AS ENUM('User-Request', 'Lost-Carrier', 'Lost-Service', 'Idle-Timeout', 'Session-Timeout', 'Admin-Reset', 'Admin-Reboot', 'Port-Error', 'NAS-Error', 'NAS-Request', 'NAS-Reboot', 'Port-Unneeded', 'Port-Preempted', 'Port-Suspended', 'Service-Unavailable', 'Callback', 'User-Error', 'Host-Request', 'Supplicant-Restart', 'Reauthentication-Failure', 'Port-Reinit', 'Port-Administratively-Disabled', 'Stale', 'Data-Cap', 'Unknown');
  CREATE TYPE "public"."enum_archived_sessions_status" AS ENUM('pending', 'active', 'expired', 'terminated');
  CREATE TYPE "public"."enum_archived_sessions_terminate_cause" AS ENUM('User-Request', 'Lost-Carrier', 'Lost-Service', 'Idle-Timeout', 'Session-Timeout', 'Admin-Reset', 'Admin-Reboot', 'Port-Error', 'NAS-Error', 'NAS-Request', 'NAS-Reboot', 'Port-Unneeded', 'Port-Preempted', 'Port-Suspended', 'Service-Unavailable', 'Callback', 'User-Error', 'Host-Request', 'Supplicant-Restart', 'Reauthentication-Failure', 'Port-Reinit', 'Port-Administratively-Disabled', 'Stale', 'Data-Cap', 'Unknown');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'disconnect-session', 'archive-sessions');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'disconnect-session', 'archive-sessions');
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'routers.create' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'routers.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'routers.update' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'routers.delete' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'plans.create' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'plans.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'plans.update' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'plans.delete' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'vouchers.create' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'vouchers.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'vouchers.update' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'vouchers.delete' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'sessions.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'routers.create' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'routers.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'routers.update' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'routers.delete' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'plans.create' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'plans.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'plans.update' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'plans.delete' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'vouchers.create' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'vouchers.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'vouchers.update' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'vouchers.delete' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'sessions.read' BEFORE 'sessions.forceLogout';
  CREATE TABLE "routers" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"location_id" uuid NOT NULL,
  	"name" varchar NOT NULL,
  	"nas_identifier" varchar,
  	"ip_address" varchar NOT NULL,
  	"secret_encrypted" varchar,
  	"coa_port" numeric DEFAULT 3799,
  	"require_message_authenticator" boolean DEFAULT true,
  	"api_host" varchar,
  	"api_port" numeric,
  	"api_tls" boolean DEFAULT false,
  	"api_username" varchar,
  	"api_password_encrypted" varchar,
  	"vpn_ip" varchar,
  	"status" "enum_routers_status" DEFAULT 'PENDING' NOT NULL,
  	"last_seen_at" timestamp(3) with time zone,
  	"router_os_version" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "plans" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"name" varchar NOT NULL,
  	"type" "enum_plans_type" DEFAULT 'HOTSPOT' NOT NULL,
  	"download_mbps" numeric NOT NULL,
  	"upload_mbps" numeric NOT NULL,
  	"burst_download_mbps" numeric,
  	"burst_upload_mbps" numeric,
  	"burst_threshold_download_mbps" numeric,
  	"burst_threshold_upload_mbps" numeric,
  	"burst_time_seconds" numeric,
  	"validity_minutes" numeric NOT NULL,
  	"data_cap_m_b" numeric,
  	"devices_allowed" numeric DEFAULT 1 NOT NULL,
  	"price" numeric NOT NULL,
  	"currency" varchar,
  	"active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "vouchers" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"location_id" uuid,
  	"plan_id" uuid NOT NULL,
  	"code" varchar NOT NULL,
  	"status" "enum_vouchers_status" DEFAULT 'AVAILABLE' NOT NULL,
  	"batch_id" varchar,
  	"valid_until" timestamp(3) with time zone,
  	"used_by_id" uuid,
  	"used_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "sessions" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"user_id" uuid NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"location_id" uuid NOT NULL,
  	"device_mac" varchar NOT NULL,
  	"status" "enum_sessions_status" DEFAULT 'pending' NOT NULL,
  	"usage_data_m_b" numeric DEFAULT 0 NOT NULL,
  	"usage_last_ip" varchar,
  	"usage_input_octets" numeric DEFAULT 0 NOT NULL,
  	"usage_output_octets" numeric DEFAULT 0 NOT NULL,
  	"started_at" timestamp(3) with time zone NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"ended_at" timestamp(3) with time zone,
  	"router_id" uuid,
  	"acct_session_id" varchar,
  	"plan_id" uuid,
  	"voucher_id" uuid,
  	"terminate_cause" "enum_sessions_terminate_cause",
  	"last_accounting_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "archived_sessions" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"user_id" uuid NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"location_id" uuid NOT NULL,
  	"device_mac" varchar NOT NULL,
  	"status" "enum_archived_sessions_status" DEFAULT 'pending' NOT NULL,
  	"usage_data_m_b" numeric DEFAULT 0 NOT NULL,
  	"usage_last_ip" varchar,
  	"usage_input_octets" numeric DEFAULT 0 NOT NULL,
  	"usage_output_octets" numeric DEFAULT 0 NOT NULL,
  	"started_at" timestamp(3) with time zone NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"ended_at" timestamp(3) with time zone,
  	"router_id" uuid,
  	"acct_session_id" varchar,
  	"plan_id" uuid,
  	"voucher_id" uuid,
  	"terminate_cause" "enum_archived_sessions_terminate_cause",
  	"last_accounting_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"meta" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "routers_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "plans_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "vouchers_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "sessions_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "archived_sessions_id" uuid;
  ALTER TABLE "routers" ADD CONSTRAINT "routers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "routers" ADD CONSTRAINT "routers_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "plans" ADD CONSTRAINT "plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_used_by_id_users_id_fk" FOREIGN KEY ("used_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "sessions" ADD CONSTRAINT "sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "sessions" ADD CONSTRAINT "sessions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "sessions" ADD CONSTRAINT "sessions_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "sessions" ADD CONSTRAINT "sessions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "sessions" ADD CONSTRAINT "sessions_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "archived_sessions" ADD CONSTRAINT "archived_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "archived_sessions" ADD CONSTRAINT "archived_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "archived_sessions" ADD CONSTRAINT "archived_sessions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "archived_sessions" ADD CONSTRAINT "archived_sessions_router_id_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."routers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "archived_sessions" ADD CONSTRAINT "archived_sessions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "archived_sessions" ADD CONSTRAINT "archived_sessions_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "routers_organization_idx" ON "routers" USING btree ("organization_id");
  CREATE INDEX "routers_location_idx" ON "routers" USING btree ("location_id");
  CREATE UNIQUE INDEX "routers_ip_address_idx" ON "routers" USING btree ("ip_address");
  CREATE INDEX "routers_status_idx" ON "routers" USING btree ("status");
  CREATE INDEX "routers_updated_at_idx" ON "routers" USING btree ("updated_at");
  CREATE INDEX "routers_created_at_idx" ON "routers" USING btree ("created_at");
  CREATE INDEX "organization_status_idx" ON "routers" USING btree ("organization_id","status");
  CREATE INDEX "plans_organization_idx" ON "plans" USING btree ("organization_id");
  CREATE INDEX "plans_active_idx" ON "plans" USING btree ("active");
  CREATE INDEX "plans_updated_at_idx" ON "plans" USING btree ("updated_at");
  CREATE INDEX "plans_created_at_idx" ON "plans" USING btree ("created_at");
  CREATE UNIQUE INDEX "organization_name_idx" ON "plans" USING btree ("organization_id","name");
  CREATE INDEX "vouchers_organization_idx" ON "vouchers" USING btree ("organization_id");
  CREATE INDEX "vouchers_location_idx" ON "vouchers" USING btree ("location_id");
  CREATE INDEX "vouchers_plan_idx" ON "vouchers" USING btree ("plan_id");
  CREATE INDEX "vouchers_batch_id_idx" ON "vouchers" USING btree ("batch_id");
  CREATE INDEX "vouchers_used_by_idx" ON "vouchers" USING btree ("used_by_id");
  CREATE INDEX "vouchers_updated_at_idx" ON "vouchers" USING btree ("updated_at");
  CREATE INDEX "vouchers_created_at_idx" ON "vouchers" USING btree ("created_at");
  CREATE UNIQUE INDEX "organization_code_idx" ON "vouchers" USING btree ("organization_id","code");
  CREATE INDEX "organization_status_1_idx" ON "vouchers" USING btree ("organization_id","status");
  CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");
  CREATE INDEX "sessions_organization_idx" ON "sessions" USING btree ("organization_id");
  CREATE INDEX "sessions_location_idx" ON "sessions" USING btree ("location_id");
  CREATE INDEX "sessions_router_idx" ON "sessions" USING btree ("router_id");
  CREATE INDEX "sessions_plan_idx" ON "sessions" USING btree ("plan_id");
  CREATE INDEX "sessions_voucher_idx" ON "sessions" USING btree ("voucher_id");
  CREATE INDEX "sessions_updated_at_idx" ON "sessions" USING btree ("updated_at");
  CREATE INDEX "sessions_created_at_idx" ON "sessions" USING btree ("created_at");
  CREATE INDEX "organization_status_2_idx" ON "sessions" USING btree ("organization_id","status");
  CREATE UNIQUE INDEX "router_acctSessionId_idx" ON "sessions" USING btree ("router_id","acct_session_id");
  CREATE INDEX "deviceMac_status_idx" ON "sessions" USING btree ("device_mac","status");
  CREATE INDEX "location_status_idx" ON "sessions" USING btree ("location_id","status");
  CREATE INDEX "location_startedAt_idx" ON "sessions" USING btree ("location_id","started_at");
  CREATE INDEX "user_startedAt_idx" ON "sessions" USING btree ("user_id","started_at");
  CREATE INDEX "status_expiresAt_idx" ON "sessions" USING btree ("status","expires_at");
  CREATE INDEX "status_endedAt_idx" ON "sessions" USING btree ("status","ended_at");
  CREATE INDEX "archived_sessions_user_idx" ON "archived_sessions" USING btree ("user_id");
  CREATE INDEX "archived_sessions_organization_idx" ON "archived_sessions" USING btree ("organization_id");
  CREATE INDEX "archived_sessions_location_idx" ON "archived_sessions" USING btree ("location_id");
  CREATE INDEX "archived_sessions_router_idx" ON "archived_sessions" USING btree ("router_id");
  CREATE INDEX "archived_sessions_plan_idx" ON "archived_sessions" USING btree ("plan_id");
  CREATE INDEX "archived_sessions_voucher_idx" ON "archived_sessions" USING btree ("voucher_id");
  CREATE INDEX "archived_sessions_updated_at_idx" ON "archived_sessions" USING btree ("updated_at");
  CREATE INDEX "archived_sessions_created_at_idx" ON "archived_sessions" USING btree ("created_at");
  CREATE INDEX "organization_startedAt_idx" ON "archived_sessions" USING btree ("organization_id","started_at");
  CREATE INDEX "location_startedAt_1_idx" ON "archived_sessions" USING btree ("location_id","started_at");
  CREATE INDEX "user_startedAt_1_idx" ON "archived_sessions" USING btree ("user_id","started_at");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_routers_fk" FOREIGN KEY ("routers_id") REFERENCES "public"."routers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_plans_fk" FOREIGN KEY ("plans_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_vouchers_fk" FOREIGN KEY ("vouchers_id") REFERENCES "public"."vouchers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_sessions_fk" FOREIGN KEY ("sessions_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_archived_sessions_fk" FOREIGN KEY ("archived_sessions_id") REFERENCES "public"."archived_sessions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_routers_id_idx" ON "payload_locked_documents_rels" USING btree ("routers_id");
  CREATE INDEX "payload_locked_documents_rels_plans_id_idx" ON "payload_locked_documents_rels" USING btree ("plans_id");
  CREATE INDEX "payload_locked_documents_rels_vouchers_id_idx" ON "payload_locked_documents_rels" USING btree ("vouchers_id");
  CREATE INDEX "payload_locked_documents_rels_sessions_id_idx" ON "payload_locked_documents_rels" USING btree ("sessions_id");
  CREATE INDEX "payload_locked_documents_rels_archived_sessions_id_idx" ON "payload_locked_documents_rels" USING btree ("archived_sessions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "routers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "plans" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "vouchers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "sessions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "archived_sessions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "routers" CASCADE;
  DROP TABLE "plans" CASCADE;
  DROP TABLE "vouchers" CASCADE;
  DROP TABLE "sessions" CASCADE;
  DROP TABLE "archived_sessions" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_routers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_plans_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_vouchers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_sessions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT IF EXISTS "payload_locked_documents_rels_archived_sessions_fk";
  
  -- Overrides naming the network permissions cannot exist without them.
  DELETE FROM "users_added_permissions" WHERE "value"::text IN ('routers.create', 'routers.read', 'routers.update', 'routers.delete', 'plans.create', 'plans.read', 'plans.update', 'plans.delete', 'vouchers.create', 'vouchers.read', 'vouchers.update', 'vouchers.delete', 'sessions.read');
  ALTER TABLE "users_added_permissions" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_added_permissions";
  CREATE TYPE "public"."enum_users_added_permissions" AS ENUM('organizations.create', 'organizations.read', 'organizations.update', 'organizations.delete', 'locations.create', 'locations.read', 'locations.update', 'locations.delete', 'users.create', 'users.read', 'users.update', 'users.delete', 'sessions.forceLogout', 'vouchers.generate', 'timeSessions.viewTeam');
  ALTER TABLE "users_added_permissions" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_added_permissions" USING "value"::"public"."enum_users_added_permissions";
  -- Overrides naming the network permissions cannot exist without them.
  DELETE FROM "users_removed_permissions" WHERE "value"::text IN ('routers.create', 'routers.read', 'routers.update', 'routers.delete', 'plans.create', 'plans.read', 'plans.update', 'plans.delete', 'vouchers.create', 'vouchers.read', 'vouchers.update', 'vouchers.delete', 'sessions.read');
  ALTER TABLE "users_removed_permissions" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_removed_permissions";
  CREATE TYPE "public"."enum_users_removed_permissions" AS ENUM('organizations.create', 'organizations.read', 'organizations.update', 'organizations.delete', 'locations.create', 'locations.read', 'locations.update', 'locations.delete', 'users.create', 'users.read', 'users.update', 'users.delete', 'sessions.forceLogout', 'vouchers.generate', 'timeSessions.viewTeam');
  ALTER TABLE "users_removed_permissions" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_removed_permissions" USING "value"::"public"."enum_users_removed_permissions";
  DROP INDEX "payload_locked_documents_rels_routers_id_idx";
  DROP INDEX "payload_locked_documents_rels_plans_id_idx";
  DROP INDEX "payload_locked_documents_rels_vouchers_id_idx";
  DROP INDEX "payload_locked_documents_rels_sessions_id_idx";
  DROP INDEX "payload_locked_documents_rels_archived_sessions_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "routers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "plans_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "vouchers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "sessions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "archived_sessions_id";
  DROP TYPE "public"."enum_routers_status";
  DROP TYPE "public"."enum_plans_type";
  DROP TYPE "public"."enum_vouchers_status";
  DROP TYPE "public"."enum_sessions_status";
  DROP TYPE "public"."enum_sessions_terminate_cause";
  DROP TYPE "public"."enum_archived_sessions_status";
  DROP TYPE "public"."enum_archived_sessions_terminate_cause";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
