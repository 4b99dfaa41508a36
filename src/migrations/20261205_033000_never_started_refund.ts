import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * A login that never started costs nothing. The sweep closes an accepted login whose router sent
 * no Accounting-Start as Never-Started, ends its time at once, and gives its voucher back
 * (AVAILABLE) when no other session of the voucher went online; a voucher login then counts only
 * the sessions that did start, so the next login of that voucher begins its full period, and a
 * device that joined a voucher whose first login never started keeps the period it joined.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
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

    -- The allowance: every session the voucher has had but those that never started (the sweep
    -- closed them as Never-Started: they bought nothing); it lasts until its first one's expiry.
    SELECT count(*) AS sessions,
      (array_agg(s.expires_at ORDER BY s.started_at))[1] AS expires_at,
      coalesce(sum(s.usage_input_octets + s.usage_output_octets), 0) AS used_bytes,
      count(DISTINCT s.device_mac) FILTER (WHERE s.status IN ('pending', 'active')) AS open_devices,
      (array_agg(s.id ORDER BY s.started_at) FILTER (WHERE s.status IN ('pending', 'active') AND s.device_mac = p_device_mac))[1] AS same_device
    INTO v_allowance FROM sessions s WHERE s.voucher_id = v_voucher.id
      AND s.terminate_cause::text IS DISTINCT FROM 'Never-Started';

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
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
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
  `)
}
