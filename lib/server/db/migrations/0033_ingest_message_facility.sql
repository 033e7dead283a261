-- The facility (site code, as `facility.code`) whose events a delivered census message carried, so
-- every staff screen can say when that facility's feed last delivered an ADT message: the latest
-- `received_at` per facility, read through the index below (docs/design.md section 7). Written once
-- with the row and never updated, so the feed's age is no hot row (Aurora DSQL is optimistic).
-- NULL for rows written before this column and for deliveries that are not census messages
-- (documents, messages acknowledged and not used): those do not show the ADT feed is alive.
ALTER TABLE ingest_message ADD COLUMN facility_code text;

CREATE INDEX IF NOT EXISTS ingest_message_facility_received_idx ON ingest_message (facility_code, received_at);
