-- Phone sign-in back-off (lib/auth/totp/sign-in-backoff.ts): one row per (username, client
-- address) that has failed. `subject` is the SHA-256 (hex) of the DOMAIN\user as typed and
-- folded, whether or not such a user exists, so a name nobody holds is throttled exactly like a
-- real one. `failures` counts failed checks since that address last signed in as that name (set
-- to 0 on success); a row whose `last_failure_at` is a day old is forgotten and deleted by the
-- housekeeping run. `alerted_at` is when failures against the name, across addresses, crossed
-- the IG alert threshold through this row. The primary key serialises concurrent attempts from
-- one address on one name: every failure updates its row. Holds no patient data.
CREATE TABLE IF NOT EXISTS sign_in_backoff (
  subject text NOT NULL,
  ip text NOT NULL,
  failures integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  alerted_at timestamptz,
  PRIMARY KEY (subject, ip)
);
