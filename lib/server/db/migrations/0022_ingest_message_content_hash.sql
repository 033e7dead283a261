-- What a delivered message said, as a SHA-256 of its content (HL7 v2 with line endings made
-- uniform; FHIR and JSON as parsed). A duplicate is the same source, control id and content; the
-- same control id with other content (an engine that restarted its MSH-10 counter, or reuses fixed
-- ids) is a new message, recorded under `<control id>|sha256:<hash>` with outcome
-- 'applied-reused-id' so it is counted for feed health. NULL on rows written before this column:
-- those compare as the same content, as before.
ALTER TABLE ingest_message ADD COLUMN content_hash text;
