/**
 * The Windows domains whose users can sign in here: the domains of the staff directory's
 * usernames (every user is stored as DOMAIN\user, lib/staff/staff-schema.ts), so adding a user
 * from a second domain is what makes a bare username ambiguous. Two are enough to know that.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";

export async function signInDomains(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ domain: string }>(
    "SELECT DISTINCT split_part(username, $1, 1) AS domain FROM staff_user LIMIT 2",
    ["\\"],
  );
  return rows.map((row) => row.domain);
}
