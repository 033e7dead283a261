/**
 * The sync cursor and scope version, both opaque to the client.
 *
 * A cursor is base64url JSON of the position after the last entry sent: the entry's change time
 * (UTC ISO 8601 with microseconds, PostgreSQL's precision, so entries changed in the same
 * millisecond are not skipped) and its stay id (the tie-break), plus the scope version it was
 * issued under. It grants nothing (every page is filtered by the scope read at request time), so
 * it is validated strictly but not signed: a forged position can only re-read the caller's own
 * wards. Anything malformed is a bad request.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { isUuid } from "@/lib/access/uuid";
import { AppError } from "@/lib/errors";

export interface SyncPosition {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ` */
  updatedAt: string;
  stayId: string;
  scopeVersion: string;
  /**
   * The sync round this cursor continues (a page with more to come names it), so the round is one
   * `patient.sync` audit event however many pages it takes; absent on a round's last cursor.
   */
  roundId?: string;
}

const microsecondIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const maximumCursorLength = 512;

const cursorSchema = z.strictObject({
  u: z.string().regex(microsecondIso),
  s: z.string().refine(isUuid),
  v: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  r: z.string().refine(isUuid).optional(),
});

export function encodeCursor(position: SyncPosition): string {
  const json = JSON.stringify({
    u: position.updatedAt,
    s: position.stayId,
    v: position.scopeVersion,
    ...(position.roundId ? { r: position.roundId } : {}),
  });
  return Buffer.from(json, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): SyncPosition {
  const invalid = () =>
    new AppError("bad_request", "The sync cursor is not valid; sync again from the start");
  if (cursor.length > maximumCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || Number.isNaN(Date.parse(result.data.u))) throw invalid();
  const { u, s, v, r } = result.data;
  return { updatedAt: u, stayId: s, scopeVersion: v, ...(r ? { roundId: r } : {}) };
}

/** A short hash of the sorted ward ids: equal scopes give equal versions on every server. */
export function scopeVersion(wardIds: readonly string[]): string {
  const canonical = [...wardIds].map((id) => id.toLowerCase()).sort();
  return createHash("sha256").update(canonical.join(",")).digest("base64url").slice(0, 22);
}
