import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_sessions_control_action" AS ENUM('disconnect', 'coa');
  CREATE TYPE "public"."enum_sessions_control_outcome" AS ENUM('sent', 'acknowledged', 'refused', 'api-fallback', 'failed');
  CREATE TYPE "public"."enum_archived_sessions_control_action" AS ENUM('disconnect', 'coa');
  CREATE TYPE "public"."enum_archived_sessions_control_outcome" AS ENUM('sent', 'acknowledged', 'refused', 'api-fallback', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'apply-plan' BEFORE 'archive-sessions';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sweep-sessions' BEFORE 'archive-sessions';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'check-routers' BEFORE 'archive-sessions';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'apply-plan' BEFORE 'archive-sessions';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sweep-sessions' BEFORE 'archive-sessions';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'check-routers' BEFORE 'archive-sessions';
  ALTER TABLE "routers" ADD COLUMN "identity" varchar;
  ALTER TABLE "sessions" ADD COLUMN "user_name" varchar;
  ALTER TABLE "sessions" ADD COLUMN "control_action" "enum_sessions_control_action";
  ALTER TABLE "sessions" ADD COLUMN "control_outcome" "enum_sessions_control_outcome";
  ALTER TABLE "sessions" ADD COLUMN "control_error_cause" varchar;
  ALTER TABLE "sessions" ADD COLUMN "control_at" timestamp(3) with time zone;
  ALTER TABLE "archived_sessions" ADD COLUMN "user_name" varchar;
  ALTER TABLE "archived_sessions" ADD COLUMN "control_action" "enum_archived_sessions_control_action";
  ALTER TABLE "archived_sessions" ADD COLUMN "control_outcome" "enum_archived_sessions_control_outcome";
  ALTER TABLE "archived_sessions" ADD COLUMN "control_error_cause" varchar;
  ALTER TABLE "archived_sessions" ADD COLUMN "control_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'disconnect-session', 'archive-sessions');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'disconnect-session', 'archive-sessions');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "routers" DROP COLUMN "identity";
  ALTER TABLE "sessions" DROP COLUMN "user_name";
  ALTER TABLE "sessions" DROP COLUMN "control_action";
  ALTER TABLE "sessions" DROP COLUMN "control_outcome";
  ALTER TABLE "sessions" DROP COLUMN "control_error_cause";
  ALTER TABLE "sessions" DROP COLUMN "control_at";
  ALTER TABLE "archived_sessions" DROP COLUMN "user_name";
  ALTER TABLE "archived_sessions" DROP COLUMN "control_action";
  ALTER TABLE "archived_sessions" DROP COLUMN "control_outcome";
  ALTER TABLE "archived_sessions" DROP COLUMN "control_error_cause";
  ALTER TABLE "archived_sessions" DROP COLUMN "control_at";
  DROP TYPE "public"."enum_sessions_control_action";
  DROP TYPE "public"."enum_sessions_control_outcome";
  DROP TYPE "public"."enum_archived_sessions_control_action";
  DROP TYPE "public"."enum_archived_sessions_control_outcome";`)
}
