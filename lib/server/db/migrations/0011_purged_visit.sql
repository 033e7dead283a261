-- Tombstones for purged stays: a keyed hash of the visit number (not reversible without the
-- key) and the last event time purged, so a late or replayed event for a purged stay is ignored
-- instead of bringing the patient back.
CREATE TABLE IF NOT EXISTS purged_visit (
  facility_id uuid NOT NULL,
  visit_hash text NOT NULL,
  last_event_at timestamptz NOT NULL,
  purged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (facility_id, visit_hash)
);
