-- Signed-in sessions. The session cookie (a JWT) names its row; a revoked or expired row ends the
-- session on the next request whatever the cookie says.
CREATE TABLE IF NOT EXISTS auth_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  method text NOT NULL,
  device_id text,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE INDEX IF NOT EXISTS auth_session_user_idx ON auth_session (user_id);
