-- A ward belongs to one facility (enforced in code: DSQL designs avoid foreign keys). `code` is
-- the point of care sent in PV1-3.1; beds are strings on the stay, `bed_count` is the capacity.
CREATE TABLE IF NOT EXISTS ward (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  specialty text,
  bed_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ward_facility_code_unique UNIQUE (facility_id, code)
);
