-- Facts the admin console shows that nothing recorded before.
-- `launcher_device.last_seen_at`: when a launcher token from that PC was last accepted. Updated at
-- most once every few minutes per PC (lib/auth/launcher/device-last-seen.ts), so a busy ward PC is
-- not a hot row. NULL: not seen since this column was added.
ALTER TABLE launcher_device ADD COLUMN last_seen_at timestamptz;

-- `ward.created_by_ingest`: true when the feed created the ward on first sight of its code
-- (lib/census/reference-cache.ts), named by its code, so an admin should review its name. NULL
-- (every ward an operator or reference data made, and rows from before this column) means "not".
ALTER TABLE ward ADD COLUMN created_by_ingest boolean;

-- `ward.reviewed_at`: when an admin marked a ward the feed created as reviewed; who did it is in
-- the audit log (setting.changed, change "ward-reviewed").
ALTER TABLE ward ADD COLUMN reviewed_at timestamptz;
