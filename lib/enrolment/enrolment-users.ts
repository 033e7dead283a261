/** Reads the staff a credential is for (`staff_user`): username and display name, enabled only. */
import "server-only";
import { isUuid } from "@/lib/access/uuid";
import type { Queryable } from "@/lib/db/types";

export interface EnrolmentUser {
  id: string;
  username: string;
  displayName: string;
}

/** Enabled users among `userIds`, in the order asked for; unknown, disabled or malformed ids are left out. */
export async function enabledUsers(q: Queryable, userIds: readonly string[]): Promise<EnrolmentUser[]> {
  const ids = [...new Set(userIds.filter(isUuid))];
  if (ids.length === 0) return [];
  const { rows } = await q.query<{ id: string; username: string; display_name: string }>(
    "SELECT id, username, display_name FROM staff_user WHERE id = ANY($1::uuid[]) AND enabled",
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ id: row.id, username: row.username, displayName: row.display_name }] : [];
  });
}
