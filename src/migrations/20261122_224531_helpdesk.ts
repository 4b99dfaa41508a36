import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_tickets_status" AS ENUM('open', 'in-progress', 'waiting', 'resolved', 'closed');
  CREATE TYPE "public"."enum_tickets_priority" AS ENUM('low', 'normal', 'high', 'urgent');
  CREATE TYPE "public"."enum_time_sessions_kind" AS ENUM('timer', 'manual', 'adjustment');
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'tickets.create' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'tickets.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'tickets.update' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'timeSessions.track' BEFORE 'timeSessions.viewTeam';
  ALTER TYPE "public"."enum_users_added_permissions" ADD VALUE 'timeSessions.adjustTeam';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'tickets.create' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'tickets.read' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'tickets.update' BEFORE 'sessions.forceLogout';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'timeSessions.track' BEFORE 'timeSessions.viewTeam';
  ALTER TYPE "public"."enum_users_removed_permissions" ADD VALUE 'timeSessions.adjustTeam';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'stop-forgotten-timers';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'stop-forgotten-timers';
  CREATE TABLE "tickets" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"location_id" uuid,
  	"number" numeric NOT NULL,
  	"title" varchar NOT NULL,
  	"description" jsonb,
  	"status" "enum_tickets_status" DEFAULT 'open' NOT NULL,
  	"priority" "enum_tickets_priority" DEFAULT 'normal' NOT NULL,
  	"requester_id" uuid,
  	"assignee_id" uuid,
  	"wifi_session" varchar,
  	"total_time_spent" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "ticket_comments" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"ticket_id" uuid NOT NULL,
  	"author_id" uuid NOT NULL,
  	"body" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "time_sessions" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"organization_id" uuid NOT NULL,
  	"location_id" uuid,
  	"ticket_id" uuid NOT NULL,
  	"agent_id" uuid NOT NULL,
  	"agent_name" varchar,
  	"kind" "enum_time_sessions_kind" DEFAULT 'timer' NOT NULL,
  	"start_time" timestamp(3) with time zone NOT NULL,
  	"end_time" timestamp(3) with time zone,
  	"duration_minutes" numeric,
  	"note" varchar,
  	"auto_stopped" boolean DEFAULT false,
  	"adjusts_id" uuid,
  	"reason" varchar,
  	"recorded_by_id" uuid,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "tickets_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "ticket_comments_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "time_sessions_id" uuid;
  ALTER TABLE "tickets" ADD CONSTRAINT "tickets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tickets" ADD CONSTRAINT "tickets_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tickets" ADD CONSTRAINT "tickets_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_adjusts_id_time_sessions_id_fk" FOREIGN KEY ("adjusts_id") REFERENCES "public"."time_sessions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "tickets_organization_idx" ON "tickets" USING btree ("organization_id");
  CREATE INDEX "tickets_location_idx" ON "tickets" USING btree ("location_id");
  CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status");
  CREATE INDEX "tickets_requester_idx" ON "tickets" USING btree ("requester_id");
  CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee_id");
  CREATE INDEX "tickets_updated_at_idx" ON "tickets" USING btree ("updated_at");
  CREATE INDEX "tickets_created_at_idx" ON "tickets" USING btree ("created_at");
  CREATE UNIQUE INDEX "organization_number_idx" ON "tickets" USING btree ("organization_id","number");
  CREATE INDEX "organization_status_3_idx" ON "tickets" USING btree ("organization_id","status");
  CREATE INDEX "ticket_comments_organization_idx" ON "ticket_comments" USING btree ("organization_id");
  CREATE INDEX "ticket_comments_ticket_idx" ON "ticket_comments" USING btree ("ticket_id");
  CREATE INDEX "ticket_comments_author_idx" ON "ticket_comments" USING btree ("author_id");
  CREATE INDEX "ticket_comments_updated_at_idx" ON "ticket_comments" USING btree ("updated_at");
  CREATE INDEX "ticket_comments_created_at_idx" ON "ticket_comments" USING btree ("created_at");
  CREATE INDEX "time_sessions_organization_idx" ON "time_sessions" USING btree ("organization_id");
  CREATE INDEX "time_sessions_location_idx" ON "time_sessions" USING btree ("location_id");
  CREATE INDEX "time_sessions_ticket_idx" ON "time_sessions" USING btree ("ticket_id");
  CREATE INDEX "time_sessions_agent_idx" ON "time_sessions" USING btree ("agent_id");
  CREATE INDEX "time_sessions_end_time_idx" ON "time_sessions" USING btree ("end_time");
  CREATE INDEX "time_sessions_adjusts_idx" ON "time_sessions" USING btree ("adjusts_id");
  CREATE INDEX "time_sessions_recorded_by_idx" ON "time_sessions" USING btree ("recorded_by_id");
  CREATE INDEX "time_sessions_updated_at_idx" ON "time_sessions" USING btree ("updated_at");
  CREATE INDEX "time_sessions_created_at_idx" ON "time_sessions" USING btree ("created_at");
  CREATE INDEX "organization_agent_startTime_idx" ON "time_sessions" USING btree ("organization_id","agent_id","start_time");
  CREATE INDEX "organization_startTime_idx" ON "time_sessions" USING btree ("organization_id","start_time");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_tickets_fk" FOREIGN KEY ("tickets_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ticket_comments_fk" FOREIGN KEY ("ticket_comments_id") REFERENCES "public"."ticket_comments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_time_sessions_fk" FOREIGN KEY ("time_sessions_id") REFERENCES "public"."time_sessions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_tickets_id_idx" ON "payload_locked_documents_rels" USING btree ("tickets_id");
  CREATE INDEX "payload_locked_documents_rels_ticket_comments_id_idx" ON "payload_locked_documents_rels" USING btree ("ticket_comments_id");
  CREATE INDEX "payload_locked_documents_rels_time_sessions_id_idx" ON "payload_locked_documents_rels" USING btree ("time_sessions_id");`)

  // Written by hand: the rules of time tracking that the database enforces itself, so that two
  // requests at once can never both get through (the endpoints check them first, under a lock,
  // to answer in words).
  await db.execute(sql`
  -- GiST equality on uuid columns for the exclusion constraint (a trusted extension).
  CREATE EXTENSION IF NOT EXISTS btree_gist;
  -- One running timer per agent in an organization.
  CREATE UNIQUE INDEX "time_sessions_one_running_timer" ON "time_sessions" ("organization_id", "agent_id") WHERE "end_time" IS NULL;
  -- No two entries of an agent cover the same time; a running timer runs to infinity.
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_no_overlap" EXCLUDE USING gist (
    "organization_id" WITH =,
    "agent_id" WITH =,
    tstzrange("start_time", coalesce("end_time", 'infinity'::timestamptz), '[)') WITH &&
  ) WHERE ("kind" <> 'adjustment');
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_ends_after_start" CHECK ("end_time" IS NULL OR "end_time" >= "start_time");
  -- A correction points at what it corrects, covers no time and changes the total; other entries do not.
  ALTER TABLE "time_sessions" ADD CONSTRAINT "time_sessions_adjustment_shape" CHECK (
    ("kind" = 'adjustment' AND "adjusts_id" IS NOT NULL AND "end_time" = "start_time" AND coalesce("duration_minutes", 0) <> 0)
    OR ("kind" <> 'adjustment' AND "adjusts_id" IS NULL)
  );
  ALTER TABLE "tickets" ADD CONSTRAINT "tickets_number_positive" CHECK ("number" >= 1);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tickets" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "ticket_comments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "time_sessions" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "tickets" CASCADE;
  DROP TABLE "ticket_comments" CASCADE;
  DROP TABLE "time_sessions" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_tickets_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_ticket_comments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_time_sessions_fk";
  
  ALTER TABLE "users_added_permissions" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_added_permissions";
  CREATE TYPE "public"."enum_users_added_permissions" AS ENUM('organizations.create', 'organizations.read', 'organizations.update', 'organizations.delete', 'locations.create', 'locations.read', 'locations.update', 'locations.delete', 'users.create', 'users.read', 'users.update', 'users.delete', 'routers.create', 'routers.read', 'routers.update', 'routers.delete', 'plans.create', 'plans.read', 'plans.update', 'plans.delete', 'vouchers.create', 'vouchers.read', 'vouchers.update', 'vouchers.delete', 'sessions.read', 'sessions.forceLogout', 'vouchers.generate', 'timeSessions.viewTeam');
  ALTER TABLE "users_added_permissions" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_added_permissions" USING "value"::"public"."enum_users_added_permissions";
  ALTER TABLE "users_removed_permissions" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_removed_permissions";
  CREATE TYPE "public"."enum_users_removed_permissions" AS ENUM('organizations.create', 'organizations.read', 'organizations.update', 'organizations.delete', 'locations.create', 'locations.read', 'locations.update', 'locations.delete', 'users.create', 'users.read', 'users.update', 'users.delete', 'routers.create', 'routers.read', 'routers.update', 'routers.delete', 'plans.create', 'plans.read', 'plans.update', 'plans.delete', 'vouchers.create', 'vouchers.read', 'vouchers.update', 'vouchers.delete', 'sessions.read', 'sessions.forceLogout', 'vouchers.generate', 'timeSessions.viewTeam');
  ALTER TABLE "users_removed_permissions" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_removed_permissions" USING "value"::"public"."enum_users_removed_permissions";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'disconnect-session', 'apply-plan', 'sweep-sessions', 'check-routers', 'archive-sessions');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'disconnect-session', 'apply-plan', 'sweep-sessions', 'check-routers', 'archive-sessions');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_tickets_id_idx";
  DROP INDEX "payload_locked_documents_rels_ticket_comments_id_idx";
  DROP INDEX "payload_locked_documents_rels_time_sessions_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "tickets_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "ticket_comments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "time_sessions_id";
  DROP TYPE "public"."enum_tickets_status";
  DROP TYPE "public"."enum_tickets_priority";
  DROP TYPE "public"."enum_time_sessions_kind";`)
}
