-- Every census event applied to a stay, kept so the stay can be re-folded when events arrive
-- out of order or are cancelled. `visit` is the event's visit snapshot as JSON text, already
-- filtered by the publishing rules. `arrival` breaks ties between equal event times.
CREATE TABLE IF NOT EXISTS stay_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  stay_id uuid NOT NULL,
  message_id uuid NOT NULL,
  kind text NOT NULL,
  trigger_code text NOT NULL,
  event_at timestamptz NOT NULL,
  arrival bigint NOT NULL,
  visit text NOT NULL
);

CREATE INDEX IF NOT EXISTS stay_event_stay_idx ON stay_event (stay_id);
