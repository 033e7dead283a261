-- Ward PCs registered by an admin: the public key (JWK) that verifies the desktop launcher's
-- tokens, and where the PC is. Revoking sets revoked_at; the row stays for the audit trail.
-- `launcher_jti` records each token id once (insert-once), so a token cannot be replayed.
CREATE TABLE IF NOT EXISTS launcher_device (
  id text PRIMARY KEY,
  name text NOT NULL,
  location text NOT NULL,
  ward_id uuid,
  public_jwk text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE IF NOT EXISTS launcher_jti (
  jti text PRIMARY KEY,
  device_id text NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS launcher_jti_expires_idx ON launcher_jti (expires_at);
