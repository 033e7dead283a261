/**
 * Keyset cursors for the audit queries: the (occurred_at, id) of the last row on a page, as
 * base64url JSON. Opaque to callers, validated when read back (it comes from a URL).
 */
import { z } from "zod";
import { isUuid } from "@/lib/access/uuid";
import { AppError } from "@/lib/errors";

const cursorSchema = z.object({
  occurredAt: z.iso.datetime(),
  id: z.string().refine(isUuid),
});

export type AuditCursor = z.infer<typeof cursorSchema>;

export function encodeCursor(row: { occurredAt: string; id: string }): string {
  return Buffer.from(JSON.stringify({ occurredAt: row.occurredAt, id: row.id })).toString("base64url");
}

export function decodeCursor(cursor: string): AuditCursor {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the one error below.
  }
  throw new AppError("bad_request", "The page cursor is not valid");
}
