import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Customers sign in with their email address, username or phone number, so within an
 * organization each of these names one customer at most: otherwise a customer could set their
 * phone (or a username) to someone else's and that person's sign-in would match two accounts and
 * be refused. `customer_logins` holds every name of every customer membership, kept by triggers
 * on `users` and `users_memberships`, with the database's uniqueness per organization. A phone
 * number is named by its digits (+254 722 000 111 and 254722000111 are one number), and a
 * username of digits, dots and dashes (a phone number, as ISPs often use it) by its digits too.
 * Names held twice before this migration stay with the account that had them first.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "customer_logins" (
    "organization_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
    "login" varchar NOT NULL,
    "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
    "field" varchar NOT NULL,
    PRIMARY KEY ("organization_id", "login")
  );
  CREATE INDEX "customer_logins_user_idx" ON "customer_logins" USING btree ("user_id");

  -- The names an account signs in with, as sign-in compares them (src/plugins/network/logins/passwords.ts).
  CREATE FUNCTION beacon_login_names(email varchar, username varchar, phone varchar)
  RETURNS TABLE (field text, login text) LANGUAGE sql IMMUTABLE AS $$
    SELECT DISTINCT ON (n.login) n.field, n.login FROM (VALUES
      (1, 'email', lower(btrim(email))),
      (2, 'username', lower(btrim(username))),
      -- A number with or without its "+" is one number: phones are named by their digits.
      (3, 'phone', CASE WHEN length(regexp_replace(phone, '[^0-9]', '', 'g')) BETWEEN 7 AND 15
        THEN regexp_replace(phone, '[^0-9]', '', 'g') ELSE btrim(phone) END),
      (4, 'username', CASE WHEN username ~ '^[0-9.-]+$' AND length(regexp_replace(username, '[^0-9]', '', 'g')) BETWEEN 7 AND 15
        THEN regexp_replace(username, '[^0-9]', '', 'g') END)
    ) AS n(rank, field, login)
    WHERE n.login IS NOT NULL AND n.login <> ''
    ORDER BY n.login, n.rank
  $$;

  -- Rewrites one account's names. A name another customer of the organization holds is refused
  -- with the field it came from, in the words Payload turns into a validation error.
  CREATE FUNCTION beacon_refresh_customer_logins(customer uuid) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    taken record;
  BEGIN
    DELETE FROM customer_logins WHERE user_id = customer;
    SELECT n.field, n.login INTO taken
      FROM users u
      JOIN users_memberships m ON m._parent_id = u.id AND m.role = 'customer'
      CROSS JOIN LATERAL beacon_login_names(u.email, u.username, u.phone) n
      JOIN customer_logins c ON c.organization_id = m.organization_id AND c.login = n.login
      WHERE u.id = customer
      LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'unique_violation',
        MESSAGE = format('The %s %s is already used by another customer of this organization.', taken.field, taken.login),
        DETAIL = format('Key (%s)=(%s) already exists.', taken.field, taken.login);
    END IF;
    INSERT INTO customer_logins (organization_id, login, user_id, field)
      SELECT DISTINCT ON (m.organization_id, n.login) m.organization_id, n.login, u.id, n.field
      FROM users u
      JOIN users_memberships m ON m._parent_id = u.id AND m.role = 'customer'
      CROSS JOIN LATERAL beacon_login_names(u.email, u.username, u.phone) n
      WHERE u.id = customer;
  END $$;

  CREATE FUNCTION beacon_customer_logins_of_user() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM beacon_refresh_customer_logins(NEW.id);
    RETURN NULL;
  END $$;
  CREATE TRIGGER "users_customer_logins" AFTER INSERT OR UPDATE OF "email", "username", "phone" ON "users"
    FOR EACH ROW EXECUTE FUNCTION beacon_customer_logins_of_user();

  CREATE FUNCTION beacon_customer_logins_of_membership() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM beacon_refresh_customer_logins(OLD._parent_id); END IF;
    IF TG_OP = 'INSERT' OR NEW._parent_id <> OLD._parent_id THEN PERFORM beacon_refresh_customer_logins(NEW._parent_id); END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER "users_memberships_customer_logins" AFTER INSERT OR UPDATE OR DELETE ON "users_memberships"
    FOR EACH ROW EXECUTE FUNCTION beacon_customer_logins_of_membership();

  INSERT INTO customer_logins (organization_id, login, user_id, field)
    SELECT DISTINCT ON (m.organization_id, n.login) m.organization_id, n.login, u.id, n.field
    FROM users u
    JOIN users_memberships m ON m._parent_id = u.id AND m.role = 'customer'
    CROSS JOIN LATERAL beacon_login_names(u.email, u.username, u.phone) n
    ORDER BY m.organization_id, n.login, u.created_at, u.id
    ON CONFLICT DO NOTHING;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER "users_memberships_customer_logins" ON "users_memberships";
  DROP TRIGGER "users_customer_logins" ON "users";
  DROP FUNCTION beacon_customer_logins_of_membership();
  DROP FUNCTION beacon_customer_logins_of_user();
  DROP FUNCTION beacon_refresh_customer_logins(uuid);
  DROP FUNCTION beacon_login_names(varchar, varchar, varchar);
  DROP TABLE "customer_logins";`)
}
