-- Feed health (docs/design.md section 8): what the console's feed page and the silence alarm read.
-- None of these tables holds patient data; all three outlive purges. feed_minute and
-- feed_rejection keep 30 days (pruned by lib/ingest/feed-health/prune-feed-health.ts).

-- Answers per source, minute, outcome (AA, AE, AR, unavailable) and shard. A writer adds 1 to
-- the row of a random shard (0-7), so concurrent writers for one source and minute rarely touch
-- the same row: Aurora DSQL is optimistic, and one counter row per minute would make every
-- concurrent ingest conflict at COMMIT. Readers sum the shards. last_at is the latest answer in
-- the row, so the latest minute of a source gives its last message.
CREATE TABLE IF NOT EXISTS feed_minute (
  source text NOT NULL,
  minute timestamptz NOT NULL,
  outcome text NOT NULL,
  shard integer NOT NULL,
  answers integer NOT NULL,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (source, minute, outcome, shard)
);

CREATE INDEX IF NOT EXISTS feed_minute_minute_idx ON feed_minute (minute);

-- Recent AE and AR answers: when, which source, the message's control id (MSH-10), the ACK code,
-- and the reason text the ACK gave (field names and rules, never values from the message).
-- Appended once per refused message (each row new: no conflicts); at most 30 days kept.
CREATE TABLE IF NOT EXISTS feed_rejection (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  received_at timestamptz NOT NULL,
  source text NOT NULL,
  control_id text,
  ack_code text NOT NULL,
  reason text NOT NULL
);

CREATE INDEX IF NOT EXISTS feed_rejection_received_idx ON feed_rejection (received_at);

-- One row per source ever seen (inserted once, ON CONFLICT DO NOTHING): the parts its name is
-- made of, for display (API client id, MSH-3 sending application, MSH-4 sending facility, or
-- the protocol for FHIR and JSON), and the silence threshold an admin set (NULL: the default,
-- FEED_SILENCE_MINUTES). The alarm watches these rows until an admin stops watching one.
CREATE TABLE IF NOT EXISTS feed_source (
  source text PRIMARY KEY,
  client_id text NOT NULL,
  protocol text NOT NULL,
  sending_application text,
  sending_facility text,
  silence_minutes integer,
  first_seen_at timestamptz NOT NULL DEFAULT now()
);

-- When the key last authenticated a request, written at most every few minutes per process
-- (lib/api-clients/last-used.ts), so it is never a per-request hot row. NULL: never used.
ALTER TABLE api_client ADD COLUMN last_used_at timestamptz;
