import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'prune-audit-logs';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'prune-audit-logs';
  ALTER TABLE "organizations" ADD COLUMN "audit_retention_days" numeric;`)

  // Written by hand: the one way the append-only trigger lets rows go (the retention job, for
  // entries past the shortest retention).
  await db.execute(sql`
  CREATE OR REPLACE FUNCTION beacon_audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Only the retention job removes entries, and never one younger than the shortest retention.
    IF TG_OP = 'DELETE' AND current_setting('beacon.audit_prune', true) = 'on' AND OLD.created_at < now() - interval '30 days' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  CREATE OR REPLACE FUNCTION beacon_audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$;
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'disconnect-session', 'apply-plan', 'sweep-sessions', 'check-routers', 'archive-sessions', 'stop-forgotten-timers');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'disconnect-session', 'apply-plan', 'sweep-sessions', 'check-routers', 'archive-sessions', 'stop-forgotten-timers');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "organizations" DROP COLUMN "audit_retention_days";`)
}
