-- A facility is a hospital site. `code` is the site code that feeds use (PV1-3.4, MSH-4), e.g. an
-- ODS site code; it is unique across the deployment.
CREATE TABLE IF NOT EXISTS facility (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT facility_code_unique UNIQUE (code)
);
