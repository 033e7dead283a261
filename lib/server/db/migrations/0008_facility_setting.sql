-- Per-facility policy as JSON text by key: "publishing" (optional fields that may be stored) and
-- "retention" (grace after discharge, maximum age of a stay with no events).
CREATE TABLE IF NOT EXISTS facility_setting (
  facility_id uuid NOT NULL,
  setting_key text NOT NULL,
  setting_value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (facility_id, setting_key)
);
