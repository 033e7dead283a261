-- Failed and successful sign-ins, for lock-outs (failures per user in a window) and per-IP rate
-- limits. Old rows are deleted by the housekeeping run.
CREATE TABLE IF NOT EXISTS sign_in_attempt (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid,
  ip text NOT NULL,
  method text NOT NULL,
  succeeded boolean NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS sign_in_attempt_user_idx ON sign_in_attempt (user_id, attempted_at);

CREATE INDEX IF NOT EXISTS sign_in_attempt_ip_idx ON sign_in_attempt (ip, attempted_at);
