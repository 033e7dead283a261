-- The beds the feed has named on each ward (lib/census/ward-bed-store.ts): a bed is recorded the
-- first time an ADT event names it, as a current location (HL7 PV1-3, FHIR Encounter.location) or
-- as the location a transfer left (PV1-6), so the ward list and its printed copy can show the beds
-- no patient holds ("Empty bed") without an admin typing them in. Occupancy is never stored here:
-- it is the current stays (a discharge or transfer frees a bed by ending or moving the stay).
-- `room` is the bay or room (PV1-3.2) as sent, '' when the feed names none (a key column cannot be
-- NULL); `bed` is PV1-3.3 as sent. `last_named_at` moves at most once a day per bed, so it is no
-- hot row under Aurora DSQL's optimistic concurrency; beds unnamed for long stop being listed
-- (a bed the hospital renamed or closed). No patient data.
CREATE TABLE IF NOT EXISTS ward_bed (
  ward_id uuid NOT NULL,
  room text NOT NULL,
  bed text NOT NULL,
  first_named_at timestamptz NOT NULL DEFAULT now(),
  last_named_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ward_id, room, bed)
);
