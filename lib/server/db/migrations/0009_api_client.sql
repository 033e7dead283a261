-- Integration clients (one per feed source). The key is shown once; only its SHA-256 is kept.
-- `key_prefix` (not secret) finds the row; `facility_codes` is a JSON array of the sites the
-- client may send for. Revoked clients keep their row for the audit trail.
CREATE TABLE IF NOT EXISTS api_client (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  key_prefix text NOT NULL,
  key_hash text NOT NULL,
  facility_codes text NOT NULL,
  rate_limit_per_minute integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CONSTRAINT api_client_key_prefix_unique UNIQUE (key_prefix)
);
