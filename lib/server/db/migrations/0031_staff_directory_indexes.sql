-- Indexes for the console's staff directory (lib/staff/staff-listing.ts), which pages 20,000 staff
-- on the server. Filtering by ward starts from the scope tables by ward or facility (their primary
-- keys lead with the user); a page's last sign-in is one probe per user for the latest session
-- (max(created_at) reads the end of the user's range); sorting by display name pages on
-- (display_name, id). Usernames are already unique-indexed (0013).
CREATE INDEX IF NOT EXISTS user_ward_access_ward_idx ON user_ward_access (ward_id, user_id);

CREATE INDEX IF NOT EXISTS user_facility_access_facility_idx ON user_facility_access (facility_id, user_id);

CREATE INDEX IF NOT EXISTS auth_session_user_created_idx ON auth_session (user_id, created_at);

CREATE INDEX IF NOT EXISTS staff_user_display_name_idx ON staff_user (display_name, id);
