/**
 * Break-glass: a clinician's time-limited access to one patient outside their ward scope
 * (docs/design.md section 6). Grants live in `break_glass_grant` with the reason given; the grant and
 * every read it allows are flagged `break_glass` in the audit log for IG review. A reason must say
 * something (a few different words, not one key held down), grants per user are limited per hour,
 * a burst of them alerts IG, and every refusal is audited with the rule that refused it.
 */
import "server-only";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { hasPermission } from "./roles";
import { isUuid } from "./uuid";

export const minimumReasonLength = 15;
export const maximumReasonLength = 500;
/** Different words of two or more letters: "urgent!!!" or "help help help" says nothing to IG. */
export const minimumReasonWords = 3;
export const defaultGrantMinutes = 60;
const maximumGrantMinutes = 12 * 60;

/**
 * Grants per user: at most `perHour` in any 60 minutes (a clinician covering a ward out of hours
 * needs a handful; dozens is browsing), and the `burst`th grant within `burstMinutes` writes one
 * `break-glass.burst` row for IG to look at while it is happening.
 */
export const breakGlassLimits = { perHour: 5, burst: 3, burstMinutes: 10 } as const;

export interface BreakGlassGrant {
  id: string;
  userId: string;
  patientId: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
}

export interface BreakGlassRequest {
  patientId: string;
  reason: string;
  now: Date;
  minutes?: number;
}

export type ReasonProblem =
  | "too-short"
  | "too-long"
  | "too-few-words"
  | "repeated-word"
  | "repeated-character";

const inAFewWords = `Say in a few words why you need this record (at least ${minimumReasonWords} different words), for example "covering this ward tonight, asked to review".`;

const reasonMessages: Record<ReasonProblem, string> = {
  "too-short": `Give a reason of at least ${minimumReasonLength} characters. ${inAFewWords}`,
  "too-long": `Keep the reason under ${maximumReasonLength} characters`,
  "too-few-words": inAFewWords,
  "repeated-word": inAFewWords,
  "repeated-character": inAFewWords,
};

/** What is wrong with a (trimmed) reason, if anything. Pure. */
export function reasonProblem(reason: string): ReasonProblem | undefined {
  if (reason.length > maximumReasonLength) return "too-long";
  if (reason.length < minimumReasonLength) return "too-short";
  const characters = [...reason.toLowerCase().replace(/\s/gu, "")];
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  // "Mostly one character": in English text the commonest letter is about an eighth of the text.
  if (Math.max(...counts.values()) * 2 > characters.length) return "repeated-character";
  const words = reason.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
  if (words.length < minimumReasonWords) return "too-few-words";
  if (new Set(words).size < minimumReasonWords) return "repeated-word";
  return undefined;
}

type Refusal = "role" | ReasonProblem | "grant-length" | "unknown-patient" | "too-many-grants";

function recordRefusal(
  q: Queryable,
  principal: Principal,
  input: { patientId: string; now: Date; refusal: Refusal; detail?: Record<string, number> },
) {
  // The rule that refused, never the text offered: a refused reason may name the patient.
  return recordAudit(q, {
    ...actorFields(principal),
    action: "break-glass.refused",
    outcome: "refused",
    occurredAt: input.now,
    patientId: isUuid(input.patientId) ? input.patientId : null,
    breakGlass: true,
    detail: { reason: input.refusal, ...input.detail },
  });
}

export async function grantBreakGlass(
  db: Database,
  principal: Principal,
  request: BreakGlassRequest,
): Promise<BreakGlassGrant> {
  const { patientId, now } = request;
  const refuse = async (refusal: Refusal, error: AppError): Promise<never> => {
    await writeTransaction(db, (tx) => recordRefusal(tx, principal, { patientId, now, refusal }));
    throw error;
  };
  if (!hasPermission(principal.roles, "patients:break-glass")) {
    return refuse("role", new AppError("forbidden", "Your role does not allow emergency access to patients"));
  }
  const reason = request.reason.trim();
  const problem = reasonProblem(reason);
  if (problem) return refuse(problem, new AppError("bad_request", reasonMessages[problem]));
  const minutes = request.minutes ?? defaultGrantMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > maximumGrantMinutes) {
    return refuse(
      "grant-length",
      new AppError("bad_request", "Emergency access lasts between 1 minute and 12 hours"),
    );
  }
  const exists = isUuid(patientId)
    ? await db.query("SELECT 1 FROM patient WHERE id = $1", [patientId])
    : { rows: [] };
  if (exists.rows.length === 0)
    return refuse("unknown-patient", new AppError("not_found", "No such patient"));

  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  const outcome = await writeTransaction<{ grant: BreakGlassGrant } | { refusedFor: number }>(
    db,
    async (tx) => {
      // Writing the user's own row makes two grants by one user take turns (PostgreSQL raises
      // 40001 on the second, DSQL conflicts at COMMIT; the retry then counts again), so parallel
      // requests cannot all pass the hourly limit. Other users are not held up.
      await tx.query("UPDATE staff_user SET updated_at = updated_at WHERE id = $1", [principal.userId]);
      const recent = await grantTimesSince(tx, principal.userId, new Date(now.getTime() - 60 * 60_000));
      if (recent.length >= breakGlassLimits.perHour) {
        await recordRefusal(tx, principal, {
          patientId,
          now,
          refusal: "too-many-grants",
          detail: { grantsInLastHour: recent.length },
        });
        const freesAt = recent[recent.length - breakGlassLimits.perHour]!.getTime() + 60 * 60_000;
        return { refusedFor: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)) };
      }
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO break_glass_grant (user_id, patient_id, reason, granted_at, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [principal.userId, patientId, reason, now, expiresAt],
      );
      const id = rows[0]!.id;
      await recordAudit(tx, {
        ...actorFields(principal),
        action: "break-glass.granted",
        outcome: "success",
        occurredAt: now,
        patientId,
        breakGlass: true,
        reason,
        detail: { grantId: id, minutes, expiresAt: expiresAt.toISOString() },
      });
      const burstStart = now.getTime() - breakGlassLimits.burstMinutes * 60_000;
      const inBurst = recent.filter((at) => at.getTime() > burstStart).length + 1;
      // Exactly at the threshold, so one burst writes one alert however many grants follow it.
      if (inBurst === breakGlassLimits.burst) {
        await recordAudit(tx, {
          ...actorFields(principal),
          action: "break-glass.burst",
          outcome: "success",
          occurredAt: now,
          patientId,
          breakGlass: true,
          detail: { grantId: id, grants: inBurst, withinMinutes: breakGlassLimits.burstMinutes },
        });
      }
      return { grant: { id, userId: principal.userId, patientId, reason, grantedAt: now, expiresAt } };
    },
  );
  if ("grant" in outcome) return outcome.grant;
  const inMinutes = Math.ceil(outcome.refusedFor / 60);
  throw new AppError(
    "rate_limited",
    `You have used emergency access ${breakGlassLimits.perHour} times in the last hour, the most allowed. ` +
      `You can use it again in ${inMinutes} minute${inMinutes === 1 ? "" : "s"}; until then, ask a colleague who works on that ward.`,
    { retryAfterSeconds: outcome.refusedFor },
  );
}

/** When the user's grants in the window were made, oldest first. */
async function grantTimesSince(q: Queryable, userId: string, since: Date): Promise<Date[]> {
  const { rows } = await q.query<{ granted_at: Date | string }>(
    "SELECT granted_at FROM break_glass_grant WHERE user_id = $1 AND granted_at > $2 ORDER BY granted_at",
    [userId, since],
  );
  return rows.map((row) => new Date(row.granted_at));
}

/** The user's unexpired grant for this patient, if any (the latest-expiring one). */
export async function activeGrant(
  db: Queryable,
  userId: string,
  patientId: string,
  now: Date,
): Promise<BreakGlassGrant | null> {
  if (!isUuid(userId) || !isUuid(patientId)) return null;
  const { rows } = await db.query<{ id: string; reason: string; granted_at: Date; expires_at: Date }>(
    `SELECT id, reason, granted_at, expires_at FROM break_glass_grant
      WHERE user_id = $1 AND patient_id = $2 AND granted_at <= $3 AND expires_at > $3
      ORDER BY expires_at DESC LIMIT 1`,
    [userId, patientId, now],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    userId,
    patientId,
    reason: row.reason,
    grantedAt: new Date(row.granted_at),
    expiresAt: new Date(row.expires_at),
  };
}
