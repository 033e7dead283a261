-- One row per applied message (source + control id: MSH-10, Bundle id, or JSON messageId), so a
-- redelivered message changes nothing. Holds no patient data; rows outlive purges so that a
-- late retry of an old message cannot bring a purged patient back.
CREATE TABLE IF NOT EXISTS ingest_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source text NOT NULL,
  control_id text NOT NULL,
  protocol text NOT NULL,
  trigger_code text,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ingest_message_source_control_unique UNIQUE (source, control_id)
);

CREATE INDEX IF NOT EXISTS ingest_message_received_idx ON ingest_message (received_at);
