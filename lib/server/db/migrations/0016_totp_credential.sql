-- TOTP credentials for staff phones. The secret is AES-256-GCM ciphertext (`key_id` names the
-- key, so keys can rotate). A credential is `pending` until its first valid code, then `active`;
-- a printed enrolment card expires at `expires_at` if not activated. `last_time_step` blocks
-- replay: only a later RFC 6238 time step is accepted.
CREATE TABLE IF NOT EXISTS totp_credential (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  secret_ciphertext text NOT NULL,
  key_id text NOT NULL,
  status text NOT NULL,
  source text NOT NULL,
  expires_at timestamptz,
  last_time_step bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz
);

CREATE INDEX IF NOT EXISTS totp_credential_user_idx ON totp_credential (user_id);
