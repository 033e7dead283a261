/**
 * The wards whose patients a principal may list: their ward scope, but only for roles that read
 * patients (an admin or IG auditor with ward grants still lists nobody; docs/design.md section 6).
 */
import "server-only";
import { hasPermission } from "@/lib/access/roles";
import { wardsInScope } from "@/lib/access/ward-scope";
import type { Principal } from "@/lib/auth/principal";
import { placeholders } from "@/lib/db/sql-lists";
import type { Queryable } from "@/lib/db/types";

export async function readableWardIds(db: Queryable, principal: Principal): Promise<string[]> {
  if (!hasPermission(principal.roles, "patients:read")) return [];
  return wardsInScope(db, principal.userId);
}

/** `s.ward_id IN ($n, ...)`, or a false condition for an empty scope (`IN ()` is invalid SQL). */
export function wardFilter(column: string, wardIds: readonly string[], firstParam: number): string {
  if (wardIds.length === 0) return "false";
  return `${column} IN (${placeholders(wardIds.length, firstParam)})`;
}
