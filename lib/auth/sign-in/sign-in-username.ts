/**
 * The DOMAIN\user a sign-in names, screened for look-alikes before any account is looked up.
 * A name sent in plain ASCII is folded (lower case) and used. A name with any non-ASCII character
 * is refused when it folds onto an ASCII name (the Kelvin sign for K, full-width letters): that is
 * someone else's account spelled to pass for it. Otherwise it is accepted only if the directory
 * holds exactly that name, so normalisation never turns one account into another.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";
import { foldUsername, isAscii } from "./username-folding";

export type ScreenedUsername =
  | { ok: true; username: string }
  | { ok: false; reason: "look-alike-username" | "non-ascii-username"; username: string };

export async function screenSignInUsername(db: Queryable, asSent: string): Promise<ScreenedUsername> {
  const username = foldUsername(asSent);
  if (isAscii(asSent)) return { ok: true, username };
  if (isAscii(username)) return { ok: false, reason: "look-alike-username", username };
  const { rows } = await db.query("SELECT 1 FROM staff_user WHERE username = $1", [username]);
  return rows.length > 0 ? { ok: true, username } : { ok: false, reason: "non-ascii-username", username };
}
