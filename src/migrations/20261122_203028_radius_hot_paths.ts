import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The RADIUS hot paths. Voucher logins and common accounting records become database functions,
 * so the RADIUS service decides each in one statement (several at once when it batches them)
 * instead of a transaction of five to nine round trips; they decide exactly what the TypeScript
 * around them documents (`voucherLoginStatement`, `recordCommonCases`), and the service falls
 * back to its full path in TypeScript for everything `beacon_accounting_common` does not handle.
 * Sessions lose Payload's default updatedAt index and keep free space in their pages, so an
 * Interim-Update rewrites its row in place (a HOT update) instead of every index of the table.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX "sessions_updated_at_idx";
  ALTER TABLE "sessions" SET (fillfactor = 80);

  -- An organization's own customer account that nobody signs in to (no password), such as its
  -- voucher guests or its unregistered devices: one per kind, made on first need. Sessions always
  -- belong to a user; these own the ones no customer of the organization does.
  CREATE FUNCTION beacon_organization_account(p_organization uuid, p_kind text, p_name text)
  RETURNS uuid LANGUAGE plpgsql AS $$
  DECLARE
    -- The users collection refuses these addresses (reserveBeaconAddresses): nobody can take one.
    v_email text := p_kind || '@' || p_organization || '.beacon.invalid';
    v_account uuid;
    v_password boolean;
  BEGIN
    SELECT id, hash IS NOT NULL INTO v_account, v_password FROM users WHERE email = v_email;
    IF NOT FOUND THEN
      -- The first logins of an organization can race to make it: one does, the others find it.
      PERFORM pg_advisory_xact_lock(hashtext('beacon-organization-account'), hashtext(v_email));
      SELECT id, hash IS NOT NULL INTO v_account, v_password FROM users WHERE email = v_email;
    END IF;
    IF v_password THEN RAISE EXCEPTION 'The account % has a password: it is not Beacon''s own, refusing to use it', v_email; END IF;
    IF v_account IS NOT NULL THEN RETURN v_account; END IF;
    INSERT INTO users (email, name, status, is_super_admin, customer_connection_type, customer_wallet_balance, login_attempts)
    VALUES (v_email, p_name, 'ACTIVE', false, 'HOTSPOT', 0, 0)
    RETURNING id INTO v_account;
    INSERT INTO users_memberships (_order, _parent_id, id, organization_id, role)
    VALUES (1, v_account, substr(replace(gen_random_uuid()::text, '-', ''), 1, 24), p_organization, 'customer');
    RETURN v_account;
  END $$;

  -- A device logs in with a voucher at a router (see redeemVoucher): the voucher's row is locked for
  -- the whole decision. outcome is 'accept' or the rejection; the plan's limits come back with the
  -- allowance's expiry and usage for the reply attributes.
  CREATE FUNCTION beacon_voucher_login(
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

  -- Applies an accounting record to a session (see recordAccounting): counters only move forward,
  -- a session that already ended keeps how it ended. With p_claim_acct_session_id, it writes only a
  -- session of p_organization that has no Acct-Session-Id yet (which then takes this one, and the
  -- device's MAC if the Access-Request lacked it) or already has this one: a claim and its record
  -- in one write. Returns the plan's data cap and whether Beacon ended the session while the router
  -- still reports it, with no Disconnect on its way; no row when nothing was written.
  CREATE FUNCTION beacon_accounting_apply(
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

  -- The common accounting record in one statement (see recordCommonCase): for a session this
  -- router already reported under this Acct-Session-Id, or the one its Class names before its
  -- start. Returns the session, or NULL having written nothing when the record needs the full path
  -- (another session, a data cap reached, a session Beacon ended that is still online).
  CREATE FUNCTION beacon_accounting_common(
    p_router uuid, p_organization uuid, p_acct_session_id text, p_class_session uuid, p_device_mac text, p_status_type text,
    p_input numeric, p_output numeric, p_bytes_per_mb numeric, p_framed_ip text, p_user_name text,
    p_event_time timestamptz, p_started_at timestamptz, p_stop boolean, p_stop_status text, p_terminate_cause text, p_unknown_mac text)
  RETURNS uuid LANGUAGE plpgsql AS $$
  DECLARE
    -- The session with its plan's data cap (cap_mb).
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
        -- The accepted session named by Class, if it has no Acct-Session-Id yet (or this one):
        -- claimed and written in one guarded write. Otherwise the full path decides.
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
      -- Ended by Beacon, yet reported: the full path disconnects it again.
      IF v_session.status NOT IN ('pending', 'active') AND v_session.terminate_cause IN ('Admin-Reset', 'Session-Timeout', 'Data-Cap')
         AND NOT (v_session.control_action IS NOT DISTINCT FROM 'disconnect' AND (v_session.control_outcome IS NULL OR v_session.control_outcome = 'sent')) THEN
        RETURN NULL;
      END IF;
      IF v_session.cap_mb IS NOT NULL THEN
        -- One allowance's cap check at a time (two devices hold different Acct-Session-Id locks).
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
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP FUNCTION beacon_accounting_common(uuid, uuid, text, uuid, text, text, numeric, numeric, numeric, text, text, timestamptz, timestamptz, boolean, text, text, text);
  DROP FUNCTION beacon_accounting_apply(uuid, numeric, numeric, numeric, text, text, timestamptz, timestamptz, boolean, text, text, text, uuid, text, text, uuid);
  DROP FUNCTION beacon_voucher_login(uuid, text, text, timestamptz, text[], numeric);
  DROP FUNCTION beacon_organization_account(uuid, text, text);
  ALTER TABLE "sessions" RESET (fillfactor);
  CREATE INDEX "sessions_updated_at_idx" ON "sessions" USING btree ("updated_at");`)
}
