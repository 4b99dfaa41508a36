import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The RADIUS hot paths read their rows through their key's index whatever the statistics say. A
 * fresh install's statistics are those of nearly empty tables until autovacuum runs, and each
 * connection keeps the generic plans PL/pgSQL made on its first calls: planned against a table of
 * a few rows, a sequential scan or any index looked as cheap as the key, and stayed while the
 * table grew (accounting fell from 2,087 to 700 requests a second, round after round). Custom
 * plans on every call would cost three times the database's CPU. Instead:
 * - the functions run with sequential scans off: each of their statements reads a few rows by a
 *   key that has an index, so an index is never the wrong choice, however small the table was;
 * - only the key's index can serve each lookup. The open session of an Acct-Session-Id is found
 *   through (router, Acct-Session-Id), its status compared as text so that no index of status (nor
 *   an index of open sessions only) can stand in, and the index of the router alone goes: the
 *   router's sessions are found as fast through (router, Acct-Session-Id). Payload's snapshot still
 *   lists it (Payload indexes every relationship; it cannot be left out). A data cap's usage of a
 *   customer's plan period is summed over that customer's sessions, never found through the plan's
 *   or the voucherless sessions' indexes. A voucher is found by one expression of its
 *   organization and code, which only vouchers_login_idx holds (the organization's indexes, and
 *   its vouchers by status, could otherwise stand in for the code). A claim's guard is written in
 *   forms no index serves, and the plan or organization of a row is read by a subquery, never
 *   joined (a join may be planned from the other side, through all of a plan's sessions).
 * radius-service/tests/integration/plans.test.ts checks the plans on tables far larger than their
 * statistics say.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX "sessions_router_idx";
  CREATE UNIQUE INDEX "vouchers_login_idx" ON "vouchers" USING btree ((organization_id::text || ' ' || code));

  ALTER FUNCTION beacon_organization_account(uuid, text, text) SET enable_seqscan = off;

  -- As in radius_hot_paths, the session found by its id alone.
  CREATE OR REPLACE FUNCTION beacon_accounting_apply(
    p_session uuid, p_input numeric, p_output numeric, p_bytes_per_mb numeric, p_framed_ip text, p_user_name text,
    p_event_time timestamptz, p_started_at timestamptz, p_stop boolean, p_stop_status text, p_terminate_cause text,
    p_claim_acct_session_id text, p_claim_router uuid, p_claim_device_mac text, p_unknown_mac text, p_organization uuid)
  RETURNS TABLE (cap_mb text, still_online boolean) LANGUAGE plpgsql SET enable_seqscan = off AS $$
  BEGIN
    RETURN QUERY UPDATE sessions SET
      acct_session_id = coalesce(acct_session_id, p_claim_acct_session_id),
      router_id = CASE WHEN p_claim_acct_session_id IS NOT NULL AND acct_session_id IS NULL THEN p_claim_router ELSE router_id END,
      device_mac = CASE WHEN p_claim_acct_session_id IS NOT NULL AND acct_session_id IS NULL AND device_mac = p_unknown_mac
        THEN coalesce(p_claim_device_mac, device_mac) ELSE device_mac END,
      usage_input_octets = greatest(usage_input_octets, p_input),
      usage_output_octets = greatest(usage_output_octets, p_output),
      usage_data_m_b = round((greatest(usage_input_octets, p_input) + greatest(usage_output_octets, p_output)) * 1000 / p_bytes_per_mb) / 1000,
      usage_last_ip = coalesce(p_framed_ip, usage_last_ip),
      user_name = coalesce(p_user_name, user_name),
      last_accounting_at = now(),
      started_at = CASE WHEN status = 'pending' THEN p_started_at ELSE started_at END,
      status = CASE
        WHEN status NOT IN ('pending', 'active') THEN status
        WHEN p_stop THEN p_stop_status::enum_sessions_status
        ELSE 'active' END,
      terminate_cause = CASE
        WHEN status IN ('pending', 'active') AND p_stop THEN p_terminate_cause::enum_sessions_terminate_cause
        ELSE terminate_cause END,
      ended_at = CASE WHEN status IN ('pending', 'active') AND p_stop THEN p_event_time ELSE ended_at END,
      updated_at = now()
    -- The claim's guard in forms no index can serve, so that only the key finds the row.
    WHERE id = p_session
      AND (p_claim_acct_session_id IS NULL
           OR (organization_id::text = p_organization::text AND coalesce(acct_session_id, p_claim_acct_session_id) = p_claim_acct_session_id))
    RETURNING (SELECT data_cap_m_b FROM plans WHERE plans.id = sessions.plan_id)::text,
      status NOT IN ('pending', 'active') AND terminate_cause IN ('Admin-Reset', 'Session-Timeout', 'Data-Cap')
        AND NOT (control_action IS NOT DISTINCT FROM 'disconnect' AND (control_outcome IS NULL OR control_outcome = 'sent'));
  END $$;

  -- As in radius_hot_paths, the voucher found by its organization and code as one key.
  CREATE OR REPLACE FUNCTION beacon_voucher_login(
    p_router uuid, p_code text, p_device_mac text, p_now timestamptz, p_locked_statuses text[], p_bytes_per_mb numeric)
  RETURNS TABLE (
    outcome text, session_id uuid, expires_at timestamptz, used_bytes numeric, first_use boolean,
    voucher_id uuid, voucher_code text, used_by uuid, used_at timestamptz,
    plan_id uuid, download_mbps numeric, upload_mbps numeric, burst_download_mbps numeric, burst_upload_mbps numeric,
    burst_threshold_download_mbps numeric, burst_threshold_upload_mbps numeric, burst_time_seconds numeric, data_cap_m_b numeric)
  LANGUAGE plpgsql SET enable_seqscan = off AS $$
  #variable_conflict use_column
  DECLARE
    v_router record;
    v_voucher record;
    v_allowance record;
    v_plan plans%ROWTYPE;
    v_holder_status text;
    v_customer uuid;
  BEGIN
    SELECT r.id, r.organization_id, r.location_id,
      (SELECT o.status::text FROM organizations o WHERE o.id = r.organization_id) AS organization_status INTO v_router
    FROM routers r WHERE r.id = p_router;
    IF NOT FOUND THEN RAISE EXCEPTION 'No router %', p_router; END IF;
    IF v_router.organization_status = ANY (p_locked_statuses) THEN
      outcome := 'organization-suspended'; RETURN NEXT; RETURN;
    END IF;

    -- By vouchers_login_idx, the one index of this expression (the organization's other indexes
    -- cannot stand in for the code).
    SELECT v.id, v.code, v.status::text AS status, v.valid_until, v.location_id, v.plan_id, v.used_by_id, v.used_at INTO v_voucher
    FROM vouchers v WHERE (v.organization_id::text || ' ' || v.code) = (v_router.organization_id::text || ' ' || p_code) FOR UPDATE;
    IF NOT FOUND THEN outcome := 'unknown-code'; RETURN NEXT; RETURN; END IF;
    IF v_voucher.status = 'EXPIRED' OR v_voucher.valid_until <= p_now THEN outcome := 'voucher-expired'; RETURN NEXT; RETURN; END IF;
    IF v_voucher.location_id IS NOT NULL AND v_voucher.location_id <> v_router.location_id THEN
      outcome := 'wrong-branch'; RETURN NEXT; RETURN;
    END IF;

    -- The allowance: every session the voucher has had; it lasts until its first session's expiry.
    SELECT count(*) AS sessions,
      (array_agg(s.expires_at ORDER BY s.started_at))[1] AS expires_at,
      coalesce(sum(s.usage_input_octets + s.usage_output_octets), 0) AS used_bytes,
      count(DISTINCT s.device_mac) FILTER (WHERE s.status IN ('pending', 'active')) AS open_devices,
      (array_agg(s.id ORDER BY s.started_at) FILTER (WHERE s.status IN ('pending', 'active') AND s.device_mac = p_device_mac))[1] AS same_device
    INTO v_allowance FROM sessions s WHERE s.voucher_id = v_voucher.id;

    first_use := v_voucher.status = 'AVAILABLE' AND v_allowance.sessions = 0;
    -- Whose sessions these are: the voucher's holder, or for a first use the organization's
    -- voucher guests (a voucher bought over the counter has nobody's account behind it).
    v_customer := CASE WHEN first_use
      THEN beacon_organization_account(v_router.organization_id, 'voucher-guests', 'Voucher guests')
      ELSE v_voucher.used_by_id END;
    IF v_customer IS NOT NULL THEN
      -- Staff stop a voucher by suspending its holder: its customer, or the voucher guests (every
      -- voucher bought over the counter at once; one voucher is withdrawn instead).
      SELECT status::text INTO v_holder_status FROM users WHERE id = v_customer;
      IF FOUND AND v_holder_status <> 'ACTIVE' THEN outcome := 'account-suspended'; RETURN NEXT; RETURN; END IF;
    END IF;

    SELECT * INTO v_plan FROM plans WHERE id = v_voucher.plan_id;
    expires_at := CASE WHEN first_use THEN p_now + v_plan.validity_minutes * interval '1 minute'
                       ELSE coalesce(v_allowance.expires_at, 'epoch'::timestamptz) END;
    used_bytes := v_allowance.used_bytes;
    -- As planReplyAttributes and grantDevice decide: time, then data, then the device's own
    -- session, then the devices at once.
    IF expires_at <= p_now THEN outcome := 'voucher-used-up'; RETURN NEXT; RETURN; END IF;
    IF v_plan.data_cap_m_b IS NOT NULL AND used_bytes >= round(v_plan.data_cap_m_b * p_bytes_per_mb) THEN
      outcome := 'data-cap'; RETURN NEXT; RETURN;
    END IF;
    IF v_allowance.same_device IS NULL AND v_allowance.open_devices >= v_plan.devices_allowed THEN
      outcome := 'too-many-devices'; RETURN NEXT; RETURN;
    END IF;

    session_id := v_allowance.same_device;
    voucher_id := v_voucher.id;
    voucher_code := v_voucher.code;
    used_by := v_voucher.used_by_id;
    used_at := v_voucher.used_at;
    IF session_id IS NULL THEN
      INSERT INTO sessions (user_id, organization_id, location_id, router_id, plan_id, voucher_id, device_mac, auth_method,
        status, usage_data_m_b, usage_input_octets, usage_output_octets, started_at, expires_at)
      VALUES (v_customer, v_router.organization_id, v_router.location_id, v_router.id, v_plan.id, v_voucher.id,
        p_device_mac, 'voucher', 'pending', 0, 0, 0, p_now, expires_at)
      RETURNING id INTO session_id;
      IF first_use THEN
        UPDATE vouchers SET status = 'USED', used_by_id = v_customer, used_at = p_now, updated_at = now() WHERE id = v_voucher.id;
        used_by := v_customer;
        used_at := p_now;
      END IF;
    END IF;

    outcome := 'accept';
    plan_id := v_plan.id;
    download_mbps := v_plan.download_mbps;
    upload_mbps := v_plan.upload_mbps;
    burst_download_mbps := v_plan.burst_download_mbps;
    burst_upload_mbps := v_plan.burst_upload_mbps;
    burst_threshold_download_mbps := v_plan.burst_threshold_download_mbps;
    burst_threshold_upload_mbps := v_plan.burst_threshold_upload_mbps;
    burst_time_seconds := v_plan.burst_time_seconds;
    data_cap_m_b := v_plan.data_cap_m_b;
    RETURN NEXT;
  END $$;

  -- As in radius_hot_paths, with the lookups above: the open session by (router, Acct-Session-Id)
  -- (at most one, sessions_open_acct_session_id_idx says), the one Class names by its id alone, and
  -- a cap's usage by voucher or else by customer.
  CREATE OR REPLACE FUNCTION beacon_accounting_common(
    p_router uuid, p_organization uuid, p_acct_session_id text, p_class_session uuid, p_device_mac text, p_status_type text,
    p_input numeric, p_output numeric, p_bytes_per_mb numeric, p_framed_ip text, p_user_name text,
    p_event_time timestamptz, p_started_at timestamptz, p_stop boolean, p_stop_status text, p_terminate_cause text, p_unknown_mac text)
  RETURNS uuid LANGUAGE plpgsql SET enable_seqscan = off AS $$
  DECLARE
    -- The session with its plan's data cap (cap_mb).
    v_session record;
    v_claim boolean := false;
    v_applied integer;
    v_used numeric;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(p_router::text), hashtext(p_acct_session_id));
    SELECT s.*, (SELECT p.data_cap_m_b FROM plans p WHERE p.id = s.plan_id) AS cap_mb INTO v_session FROM sessions s
    WHERE s.router_id = p_router AND s.acct_session_id = p_acct_session_id AND s.status::text IN ('pending', 'active')
    FOR UPDATE OF s;
    IF FOUND THEN
      IF p_class_session IS NOT NULL AND p_class_session <> v_session.id THEN RETURN NULL; END IF;
      IF p_status_type = 'Start' AND p_device_mac IS NOT NULL AND p_device_mac <> v_session.device_mac THEN RETURN NULL; END IF;
    ELSIF p_class_session IS NOT NULL THEN
      IF p_status_type <> 'Interim-Update' THEN
        -- The accepted session named by Class, if it has no Acct-Session-Id yet (or this one):
        -- claimed and written in one guarded write. Otherwise the full path decides.
        SELECT count(*) INTO v_applied FROM beacon_accounting_apply(p_class_session, p_input, p_output, p_bytes_per_mb,
          p_framed_ip, p_user_name, p_event_time, p_started_at, p_stop, p_stop_status, p_terminate_cause,
          p_acct_session_id, p_router, p_device_mac, p_unknown_mac, p_organization);
        RETURN CASE WHEN v_applied > 0 THEN p_class_session END;
      END IF;
      SELECT s.*, (SELECT p.data_cap_m_b FROM plans p WHERE p.id = s.plan_id) AS cap_mb INTO v_session FROM sessions s
      WHERE s.id = p_class_session FOR UPDATE OF s;
      IF NOT FOUND OR v_session.organization_id <> p_organization THEN RETURN NULL; END IF;
      IF v_session.acct_session_id IS NULL THEN v_claim := true;
      ELSIF v_session.acct_session_id <> p_acct_session_id THEN RETURN NULL;
      END IF;
    ELSE
      RETURN NULL;
    END IF;

    IF p_status_type = 'Interim-Update' THEN
      -- Ended by Beacon, yet reported: the full path disconnects it again.
      IF v_session.status NOT IN ('pending', 'active') AND v_session.terminate_cause IN ('Admin-Reset', 'Session-Timeout', 'Data-Cap')
         AND NOT (v_session.control_action IS NOT DISTINCT FROM 'disconnect' AND (v_session.control_outcome IS NULL OR v_session.control_outcome = 'sent')) THEN
        RETURN NULL;
      END IF;
      IF v_session.cap_mb IS NOT NULL THEN
        -- One allowance's cap check at a time (two devices hold different Acct-Session-Id locks).
        PERFORM pg_advisory_xact_lock(hashtext('beacon-allowance'), hashtext(coalesce(v_session.voucher_id::text, v_session.user_id::text)));
        IF v_session.voucher_id IS NOT NULL THEN
          SELECT coalesce(sum(CASE WHEN s.id = v_session.id
                     THEN greatest(s.usage_input_octets, p_input) + greatest(s.usage_output_octets, p_output)
                     ELSE s.usage_input_octets + s.usage_output_octets END), 0) INTO v_used
          FROM sessions s WHERE s.voucher_id = v_session.voucher_id;
        ELSE
          -- The customer's sessions, then those of this plan period among them (materialized, so
          -- the plan's or the voucherless sessions' indexes cannot be chosen instead).
          WITH customer_sessions AS MATERIALIZED (
            SELECT s.id, s.plan_id, s.voucher_id, s.expires_at, s.usage_input_octets, s.usage_output_octets
            FROM sessions s WHERE s.user_id = v_session.user_id)
          SELECT coalesce(sum(CASE WHEN s.id = v_session.id
                     THEN greatest(s.usage_input_octets, p_input) + greatest(s.usage_output_octets, p_output)
                     ELSE s.usage_input_octets + s.usage_output_octets END), 0) INTO v_used
          FROM customer_sessions s
          WHERE s.plan_id = v_session.plan_id AND s.voucher_id IS NULL AND s.expires_at = v_session.expires_at;
        END IF;
        IF v_used >= v_session.cap_mb * p_bytes_per_mb THEN RETURN NULL; END IF;
      END IF;
    END IF;

    PERFORM beacon_accounting_apply(v_session.id, p_input, p_output, p_bytes_per_mb, p_framed_ip, p_user_name,
      p_event_time, p_started_at, p_stop, p_stop_status, p_terminate_cause,
      CASE WHEN v_claim THEN p_acct_session_id END, p_router, p_device_mac, p_unknown_mac, p_organization);
    RETURN v_session.id;
  END $$;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  CREATE OR REPLACE FUNCTION beacon_accounting_common(
    p_router uuid, p_organization uuid, p_acct_session_id text, p_class_session uuid, p_device_mac text, p_status_type text,
    p_input numeric, p_output numeric, p_bytes_per_mb numeric, p_framed_ip text, p_user_name text,
    p_event_time timestamptz, p_started_at timestamptz, p_stop boolean, p_stop_status text, p_terminate_cause text, p_unknown_mac text)
  RETURNS uuid LANGUAGE plpgsql AS $$
  DECLARE
    v_session record;
    v_claim boolean := false;
    v_applied integer;
    v_used numeric;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(p_router::text), hashtext(p_acct_session_id));
    SELECT s.*, p.data_cap_m_b AS cap_mb INTO v_session FROM sessions s LEFT JOIN plans p ON p.id = s.plan_id
    WHERE s.router_id = p_router AND s.acct_session_id = p_acct_session_id AND s.status IN ('pending', 'active')
    ORDER BY s.started_at DESC LIMIT 1 FOR UPDATE OF s;
    IF FOUND THEN
      IF p_class_session IS NOT NULL AND p_class_session <> v_session.id THEN RETURN NULL; END IF;
      IF p_status_type = 'Start' AND p_device_mac IS NOT NULL AND p_device_mac <> v_session.device_mac THEN RETURN NULL; END IF;
    ELSIF p_class_session IS NOT NULL THEN
      IF p_status_type <> 'Interim-Update' THEN
        SELECT count(*) INTO v_applied FROM beacon_accounting_apply(p_class_session, p_input, p_output, p_bytes_per_mb,
          p_framed_ip, p_user_name, p_event_time, p_started_at, p_stop, p_stop_status, p_terminate_cause,
          p_acct_session_id, p_router, p_device_mac, p_unknown_mac, p_organization);
        RETURN CASE WHEN v_applied > 0 THEN p_class_session END;
      END IF;
      SELECT s.*, p.data_cap_m_b AS cap_mb INTO v_session FROM sessions s LEFT JOIN plans p ON p.id = s.plan_id
      WHERE s.id = p_class_session AND s.organization_id = p_organization FOR UPDATE OF s;
      IF NOT FOUND THEN RETURN NULL; END IF;
      IF v_session.acct_session_id IS NULL THEN v_claim := true;
      ELSIF v_session.acct_session_id <> p_acct_session_id THEN RETURN NULL;
      END IF;
    ELSE
      RETURN NULL;
    END IF;

    IF p_status_type = 'Interim-Update' THEN
      IF v_session.status NOT IN ('pending', 'active') AND v_session.terminate_cause IN ('Admin-Reset', 'Session-Timeout', 'Data-Cap')
         AND NOT (v_session.control_action IS NOT DISTINCT FROM 'disconnect' AND (v_session.control_outcome IS NULL OR v_session.control_outcome = 'sent')) THEN
        RETURN NULL;
      END IF;
      IF v_session.cap_mb IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('beacon-allowance'), hashtext(coalesce(v_session.voucher_id::text, v_session.user_id::text)));
        SELECT coalesce(sum(CASE WHEN s.id = v_session.id
                   THEN greatest(s.usage_input_octets, p_input) + greatest(s.usage_output_octets, p_output)
                   ELSE s.usage_input_octets + s.usage_output_octets END), 0) INTO v_used
        FROM sessions s
        WHERE (v_session.voucher_id IS NOT NULL AND s.voucher_id = v_session.voucher_id)
           OR (v_session.voucher_id IS NULL AND s.user_id = v_session.user_id AND s.plan_id = v_session.plan_id
               AND s.voucher_id IS NULL AND s.expires_at = v_session.expires_at);
        IF v_used >= v_session.cap_mb * p_bytes_per_mb THEN RETURN NULL; END IF;
      END IF;
    END IF;

    PERFORM beacon_accounting_apply(v_session.id, p_input, p_output, p_bytes_per_mb, p_framed_ip, p_user_name,
      p_event_time, p_started_at, p_stop, p_stop_status, p_terminate_cause,
      CASE WHEN v_claim THEN p_acct_session_id END, p_router, p_device_mac, p_unknown_mac, p_organization);
    RETURN v_session.id;
  END $$;

  CREATE OR REPLACE FUNCTION beacon_accounting_apply(
    p_session uuid, p_input numeric, p_output numeric, p_bytes_per_mb numeric, p_framed_ip text, p_user_name text,
    p_event_time timestamptz, p_started_at timestamptz, p_stop boolean, p_stop_status text, p_terminate_cause text,
    p_claim_acct_session_id text, p_claim_router uuid, p_claim_device_mac text, p_unknown_mac text, p_organization uuid)
  RETURNS TABLE (cap_mb text, still_online boolean) LANGUAGE plpgsql AS $$
  BEGIN
    RETURN QUERY UPDATE sessions SET
      acct_session_id = coalesce(acct_session_id, p_claim_acct_session_id),
      router_id = CASE WHEN p_claim_acct_session_id IS NOT NULL AND acct_session_id IS NULL THEN p_claim_router ELSE router_id END,
      device_mac = CASE WHEN p_claim_acct_session_id IS NOT NULL AND acct_session_id IS NULL AND device_mac = p_unknown_mac
        THEN coalesce(p_claim_device_mac, device_mac) ELSE device_mac END,
      usage_input_octets = greatest(usage_input_octets, p_input),
      usage_output_octets = greatest(usage_output_octets, p_output),
      usage_data_m_b = round((greatest(usage_input_octets, p_input) + greatest(usage_output_octets, p_output)) * 1000 / p_bytes_per_mb) / 1000,
      usage_last_ip = coalesce(p_framed_ip, usage_last_ip),
      user_name = coalesce(p_user_name, user_name),
      last_accounting_at = now(),
      started_at = CASE WHEN status = 'pending' THEN p_started_at ELSE started_at END,
      status = CASE
        WHEN status NOT IN ('pending', 'active') THEN status
        WHEN p_stop THEN p_stop_status::enum_sessions_status
        ELSE 'active' END,
      terminate_cause = CASE
        WHEN status IN ('pending', 'active') AND p_stop THEN p_terminate_cause::enum_sessions_terminate_cause
        ELSE terminate_cause END,
      ended_at = CASE WHEN status IN ('pending', 'active') AND p_stop THEN p_event_time ELSE ended_at END,
      updated_at = now()
    WHERE id = p_session
      AND (p_claim_acct_session_id IS NULL
           OR (organization_id = p_organization AND (acct_session_id IS NULL OR acct_session_id = p_claim_acct_session_id)))
    RETURNING (SELECT data_cap_m_b FROM plans WHERE plans.id = sessions.plan_id)::text,
      status NOT IN ('pending', 'active') AND terminate_cause IN ('Admin-Reset', 'Session-Timeout', 'Data-Cap')
        AND NOT (control_action IS NOT DISTINCT FROM 'disconnect' AND (control_outcome IS NULL OR control_outcome = 'sent'));
  END $$;
  ALTER FUNCTION beacon_organization_account(uuid, text, text) RESET enable_seqscan;

  CREATE OR REPLACE FUNCTION beacon_voucher_login(
    p_router uuid, p_code text, p_device_mac text, p_now timestamptz, p_locked_statuses text[], p_bytes_per_mb numeric)
  RETURNS TABLE (
    outcome text, session_id uuid, expires_at timestamptz, used_bytes numeric, first_use boolean,
    voucher_id uuid, voucher_code text, used_by uuid, used_at timestamptz,
    plan_id uuid, download_mbps numeric, upload_mbps numeric, burst_download_mbps numeric, burst_upload_mbps numeric,
    burst_threshold_download_mbps numeric, burst_threshold_upload_mbps numeric, burst_time_seconds numeric, data_cap_m_b numeric)
  LANGUAGE plpgsql AS $$
  #variable_conflict use_column
  DECLARE
    v_router record;
    v_voucher record;
    v_allowance record;
    v_plan plans%ROWTYPE;
    v_holder_status text;
    v_customer uuid;
  BEGIN
    SELECT r.id, r.organization_id, r.location_id, o.status::text AS organization_status INTO v_router
    FROM routers r JOIN organizations o ON o.id = r.organization_id WHERE r.id = p_router;
    IF NOT FOUND THEN RAISE EXCEPTION 'No router %', p_router; END IF;
    IF v_router.organization_status = ANY (p_locked_statuses) THEN
      outcome := 'organization-suspended'; RETURN NEXT; RETURN;
    END IF;

    SELECT v.id, v.code, v.status::text AS status, v.valid_until, v.location_id, v.plan_id, v.used_by_id, v.used_at INTO v_voucher
    FROM vouchers v WHERE v.organization_id = v_router.organization_id AND v.code = p_code FOR UPDATE;
    IF NOT FOUND THEN outcome := 'unknown-code'; RETURN NEXT; RETURN; END IF;
    IF v_voucher.status = 'EXPIRED' OR v_voucher.valid_until <= p_now THEN outcome := 'voucher-expired'; RETURN NEXT; RETURN; END IF;
    IF v_voucher.location_id IS NOT NULL AND v_voucher.location_id <> v_router.location_id THEN
      outcome := 'wrong-branch'; RETURN NEXT; RETURN;
    END IF;

    -- The allowance: every session the voucher has had; it lasts until its first session's expiry.
    SELECT count(*) AS sessions,
      (array_agg(s.expires_at ORDER BY s.started_at))[1] AS expires_at,
      coalesce(sum(s.usage_input_octets + s.usage_output_octets), 0) AS used_bytes,
      count(DISTINCT s.device_mac) FILTER (WHERE s.status IN ('pending', 'active')) AS open_devices,
      (array_agg(s.id ORDER BY s.started_at) FILTER (WHERE s.status IN ('pending', 'active') AND s.device_mac = p_device_mac))[1] AS same_device
    INTO v_allowance FROM sessions s WHERE s.voucher_id = v_voucher.id;

    first_use := v_voucher.status = 'AVAILABLE' AND v_allowance.sessions = 0;
    -- Whose sessions these are: the voucher's holder, or for a first use the organization's
    -- voucher guests (a voucher bought over the counter has nobody's account behind it).
    v_customer := CASE WHEN first_use
      THEN beacon_organization_account(v_router.organization_id, 'voucher-guests', 'Voucher guests')
      ELSE v_voucher.used_by_id END;
    IF v_customer IS NOT NULL THEN
      -- Staff stop a voucher by suspending its holder: its customer, or the voucher guests (every
      -- voucher bought over the counter at once; one voucher is withdrawn instead).
      SELECT status::text INTO v_holder_status FROM users WHERE id = v_customer;
      IF FOUND AND v_holder_status <> 'ACTIVE' THEN outcome := 'account-suspended'; RETURN NEXT; RETURN; END IF;
    END IF;

    SELECT * INTO v_plan FROM plans WHERE id = v_voucher.plan_id;
    expires_at := CASE WHEN first_use THEN p_now + v_plan.validity_minutes * interval '1 minute'
                       ELSE coalesce(v_allowance.expires_at, 'epoch'::timestamptz) END;
    used_bytes := v_allowance.used_bytes;
    -- As planReplyAttributes and grantDevice decide: time, then data, then the device's own
    -- session, then the devices at once.
    IF expires_at <= p_now THEN outcome := 'voucher-used-up'; RETURN NEXT; RETURN; END IF;
    IF v_plan.data_cap_m_b IS NOT NULL AND used_bytes >= round(v_plan.data_cap_m_b * p_bytes_per_mb) THEN
      outcome := 'data-cap'; RETURN NEXT; RETURN;
    END IF;
    IF v_allowance.same_device IS NULL AND v_allowance.open_devices >= v_plan.devices_allowed THEN
      outcome := 'too-many-devices'; RETURN NEXT; RETURN;
    END IF;

    session_id := v_allowance.same_device;
    voucher_id := v_voucher.id;
    voucher_code := v_voucher.code;
    used_by := v_voucher.used_by_id;
    used_at := v_voucher.used_at;
    IF session_id IS NULL THEN
      INSERT INTO sessions (user_id, organization_id, location_id, router_id, plan_id, voucher_id, device_mac, auth_method,
        status, usage_data_m_b, usage_input_octets, usage_output_octets, started_at, expires_at)
      VALUES (v_customer, v_router.organization_id, v_router.location_id, v_router.id, v_plan.id, v_voucher.id,
        p_device_mac, 'voucher', 'pending', 0, 0, 0, p_now, expires_at)
      RETURNING id INTO session_id;
      IF first_use THEN
        UPDATE vouchers SET status = 'USED', used_by_id = v_customer, used_at = p_now, updated_at = now() WHERE id = v_voucher.id;
        used_by := v_customer;
        used_at := p_now;
      END IF;
    END IF;

    outcome := 'accept';
    plan_id := v_plan.id;
    download_mbps := v_plan.download_mbps;
    upload_mbps := v_plan.upload_mbps;
    burst_download_mbps := v_plan.burst_download_mbps;
    burst_upload_mbps := v_plan.burst_upload_mbps;
    burst_threshold_download_mbps := v_plan.burst_threshold_download_mbps;
    burst_threshold_upload_mbps := v_plan.burst_threshold_upload_mbps;
    burst_time_seconds := v_plan.burst_time_seconds;
    data_cap_m_b := v_plan.data_cap_m_b;
    RETURN NEXT;
  END $$;

  DROP INDEX "vouchers_login_idx";
  CREATE INDEX "sessions_router_idx" ON "sessions" USING btree ("router_id");`)
}
