import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_sessions_terminate_cause" ADD VALUE 'Never-Started' BEFORE 'Unknown';
  ALTER TYPE "public"."enum_archived_sessions_terminate_cause" ADD VALUE 'Never-Started' BEFORE 'Unknown';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "sessions" ALTER COLUMN "terminate_cause" SET DATA TYPE text;
  DROP TYPE "public"."enum_sessions_terminate_cause";
  CREATE TYPE "public"."enum_sessions_terminate_cause" AS ENUM('User-Request', 'Lost-Carrier', 'Lost-Service', 'Idle-Timeout', 'Session-Timeout', 'Admin-Reset', 'Admin-Reboot', 'Port-Error', 'NAS-Error', 'NAS-Request', 'NAS-Reboot', 'Port-Unneeded', 'Port-Preempted', 'Port-Suspended', 'Service-Unavailable', 'Callback', 'User-Error', 'Host-Request', 'Supplicant-Restart', 'Reauthentication-Failure', 'Port-Reinit', 'Port-Administratively-Disabled', 'Stale', 'Data-Cap', 'Unknown');
  ALTER TABLE "sessions" ALTER COLUMN "terminate_cause" SET DATA TYPE "public"."enum_sessions_terminate_cause" USING "terminate_cause"::"public"."enum_sessions_terminate_cause";
  ALTER TABLE "archived_sessions" ALTER COLUMN "terminate_cause" SET DATA TYPE text;
  DROP TYPE "public"."enum_archived_sessions_terminate_cause";
  CREATE TYPE "public"."enum_archived_sessions_terminate_cause" AS ENUM('User-Request', 'Lost-Carrier', 'Lost-Service', 'Idle-Timeout', 'Session-Timeout', 'Admin-Reset', 'Admin-Reboot', 'Port-Error', 'NAS-Error', 'NAS-Request', 'NAS-Reboot', 'Port-Unneeded', 'Port-Preempted', 'Port-Suspended', 'Service-Unavailable', 'Callback', 'User-Error', 'Host-Request', 'Supplicant-Restart', 'Reauthentication-Failure', 'Port-Reinit', 'Port-Administratively-Disabled', 'Stale', 'Data-Cap', 'Unknown');
  ALTER TABLE "archived_sessions" ALTER COLUMN "terminate_cause" SET DATA TYPE "public"."enum_archived_sessions_terminate_cause" USING "terminate_cause"::"public"."enum_archived_sessions_terminate_cause";`)
}
