-- Staff who may sign in, keyed by Windows username (DOMAIN\user, stored lower-case so look-ups are
-- case-insensitive). `roles` is a JSON array of clinician / ward-clerk / admin / ig-auditor;
-- `non_prod_allowed` lets a user into Cert, Mock, Build and Training.
CREATE TABLE IF NOT EXISTS staff_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  roles text NOT NULL DEFAULT '[]',
  enabled boolean NOT NULL DEFAULT true,
  non_prod_allowed boolean NOT NULL DEFAULT false,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT staff_user_username_unique UNIQUE (username)
);
