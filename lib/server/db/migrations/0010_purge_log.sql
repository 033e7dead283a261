-- What a purge removed, without saying whom: counts, bytes, reason and time. `run_id` groups the
-- batches of one purge run. Kept for information governance after the patient data is gone.
CREATE TABLE IF NOT EXISTS purge_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  reason text NOT NULL,
  patients integer NOT NULL,
  stays integer NOT NULL,
  events integer NOT NULL,
  documents integer NOT NULL,
  bytes bigint NOT NULL,
  purged_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS purge_log_facility_idx ON purge_log (facility_id, purged_at);
