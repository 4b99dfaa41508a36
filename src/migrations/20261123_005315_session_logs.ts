import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_session_logs_outcome" AS ENUM('success', 'failed');
  CREATE TYPE "public"."enum_session_logs_end_reason" AS ENUM('logout', 'expired', 'revoked', 'replaced');
  CREATE TYPE "public"."enum_session_logs_failure_reason" AS ENUM('wrong-password', 'unknown-user', 'locked-out', 'refused', 'invalid-request');
  CREATE TYPE "public"."enum_context_changes_event_type" AS ENUM('INITIAL', 'SWITCH_TENANT', 'SET_DEFAULT_TENANT', 'RESET_TENANT');
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'sessionLogs.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'contextChanges.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'sessionLogs.revoke';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'sessionLogs.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'contextChanges.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'sessionLogs.revoke';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'close-ended-session-logs';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'close-ended-session-logs';
  CREATE TABLE "session_logs" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"user_id" uuid,
  	"outcome" "enum_session_logs_outcome" DEFAULT 'success' NOT NULL,
  	"organization_id" uuid,
  	"active_organization_id" uuid,
  	"login_at" timestamp(3) with time zone NOT NULL,
  	"logout_at" timestamp(3) with time zone,
  	"end_reason" "enum_session_logs_end_reason",
  	"expires_at" timestamp(3) with time zone,
  	"ip_address" varchar,
  	"device_info" varchar,
  	"browser" varchar,
  	"os" varchar,
  	"device_type" varchar,
  	"user_agent" varchar,
  	"failure_reason" "enum_session_logs_failure_reason",
  	"identifier" varchar,
  	"session_id" varchar,
  	"platform_owner" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "context_changes" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"user_id" uuid,
  	"event_type" "enum_context_changes_event_type" NOT NULL,
  	"from_organization_id" uuid,
  	"organization_id" uuid,
  	"metadata" jsonb,
  	"platform_owner" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "session_logs_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "context_changes_id" uuid;
  ALTER TABLE "session_logs" ADD CONSTRAINT "session_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "session_logs" ADD CONSTRAINT "session_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "session_logs" ADD CONSTRAINT "session_logs_active_organization_id_organizations_id_fk" FOREIGN KEY ("active_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "context_changes" ADD CONSTRAINT "context_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "context_changes" ADD CONSTRAINT "context_changes_from_organization_id_organizations_id_fk" FOREIGN KEY ("from_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "context_changes" ADD CONSTRAINT "context_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "session_logs_user_idx" ON "session_logs" USING btree ("user_id");
  CREATE INDEX "session_logs_outcome_idx" ON "session_logs" USING btree ("outcome");
  CREATE INDEX "session_logs_organization_idx" ON "session_logs" USING btree ("organization_id");
  CREATE INDEX "session_logs_active_organization_idx" ON "session_logs" USING btree ("active_organization_id");
  CREATE INDEX "session_logs_login_at_idx" ON "session_logs" USING btree ("login_at");
  CREATE INDEX "session_logs_logout_at_idx" ON "session_logs" USING btree ("logout_at");
  CREATE INDEX "session_logs_ip_address_idx" ON "session_logs" USING btree ("ip_address");
  CREATE UNIQUE INDEX "session_logs_session_id_idx" ON "session_logs" USING btree ("session_id");
  CREATE INDEX "session_logs_updated_at_idx" ON "session_logs" USING btree ("updated_at");
  CREATE INDEX "session_logs_created_at_idx" ON "session_logs" USING btree ("created_at");
  CREATE INDEX "user_loginAt_idx" ON "session_logs" USING btree ("user_id","login_at");
  CREATE INDEX "context_changes_user_idx" ON "context_changes" USING btree ("user_id");
  CREATE INDEX "context_changes_event_type_idx" ON "context_changes" USING btree ("event_type");
  CREATE INDEX "context_changes_from_organization_idx" ON "context_changes" USING btree ("from_organization_id");
  CREATE INDEX "context_changes_organization_idx" ON "context_changes" USING btree ("organization_id");
  CREATE INDEX "context_changes_updated_at_idx" ON "context_changes" USING btree ("updated_at");
  CREATE INDEX "context_changes_created_at_idx" ON "context_changes" USING btree ("created_at");
  CREATE INDEX "user_createdAt_idx" ON "context_changes" USING btree ("user_id","created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_session_logs_fk" FOREIGN KEY ("session_logs_id") REFERENCES "public"."session_logs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_context_changes_fk" FOREIGN KEY ("context_changes_id") REFERENCES "public"."context_changes"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_session_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("session_logs_id");
  CREATE INDEX "payload_locked_documents_rels_context_changes_id_idx" ON "payload_locked_documents_rels" USING btree ("context_changes_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "session_logs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "context_changes" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "session_logs" CASCADE;
  DROP TABLE "context_changes" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_session_logs_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_context_changes_fk";
  
  ALTER TABLE "users_added_permissions" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_added_permissions";
  CREATE TYPE "public"."enum_users_added_permissions" AS ENUM('organizations.create', 'organizations.read', 'organizations.update', 'organizations.delete', 'locations.create', 'locations.read', 'locations.update', 'locations.delete', 'users.create', 'users.read', 'users.update', 'users.delete', 'routers.create', 'routers.read', 'routers.update', 'routers.delete', 'plans.create', 'plans.read', 'plans.update', 'plans.delete', 'vouchers.create', 'vouchers.read', 'vouchers.update', 'vouchers.delete', 'sessions.read', 'tickets.create', 'tickets.read', 'tickets.update', 'auditLogs.read', 'sessions.forceLogout', 'vouchers.generate', 'timeSessions.track', 'timeSessions.viewTeam', 'timeSessions.adjustTeam');
  ALTER TABLE "users_added_permissions" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_added_permissions" USING "value"::"public"."enum_users_added_permissions";
  ALTER TABLE "users_removed_permissions" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_removed_permissions";
  CREATE TYPE "public"."enum_users_removed_permissions" AS ENUM('organizations.create', 'organizations.read', 'organizations.update', 'organizations.delete', 'locations.create', 'locations.read', 'locations.update', 'locations.delete', 'users.create', 'users.read', 'users.update', 'users.delete', 'routers.create', 'routers.read', 'routers.update', 'routers.delete', 'plans.create', 'plans.read', 'plans.update', 'plans.delete', 'vouchers.create', 'vouchers.read', 'vouchers.update', 'vouchers.delete', 'sessions.read', 'tickets.create', 'tickets.read', 'tickets.update', 'auditLogs.read', 'sessions.forceLogout', 'vouchers.generate', 'timeSessions.track', 'timeSessions.viewTeam', 'timeSessions.adjustTeam');
  ALTER TABLE "users_removed_permissions" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_removed_permissions" USING "value"::"public"."enum_users_removed_permissions";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'disconnect-session', 'apply-plan', 'sweep-sessions', 'check-routers', 'archive-sessions', 'stop-forgotten-timers', 'prune-audit-logs');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'disconnect-session', 'apply-plan', 'sweep-sessions', 'check-routers', 'archive-sessions', 'stop-forgotten-timers', 'prune-audit-logs');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_session_logs_id_idx";
  DROP INDEX "payload_locked_documents_rels_context_changes_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "session_logs_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "context_changes_id";
  DROP TYPE "public"."enum_session_logs_outcome";
  DROP TYPE "public"."enum_session_logs_end_reason";
  DROP TYPE "public"."enum_session_logs_failure_reason";
  DROP TYPE "public"."enum_context_changes_event_type";`)
}
