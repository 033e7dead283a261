-- Break-glass grants: a user's time-limited access to one patient outside their ward scope,
-- with the reason they gave. Every use is also flagged in the audit log.
CREATE TABLE IF NOT EXISTS break_glass_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  reason text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS break_glass_grant_user_idx ON break_glass_grant (user_id, patient_id);
