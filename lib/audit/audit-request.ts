/**
 * The IG audit report's query from a URL: by patient, by user, or by time range, paged.
 * Shared by the JSON and CSV routes so both read exactly the same rows.
 */
import { z } from "zod";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { type AuditPage, auditByPatient, auditByTime, auditByUser } from "./audit-queries";

const querySchema = z.object({
  patientId: z.uuid().optional(),
  userId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
  /** "refused": every refusal (access.refused and the rest), for IG's refusals view. */
  outcome: z.enum(["success", "failure", "refused"]).optional(),
});

export type AuditQuery = z.infer<typeof querySchema>;

export function readAuditQuery(url: URL): AuditQuery {
  const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `${String(issue.path[0])}: ${issue.message}`);
  }
  return parsed.data;
}

export function runAuditQuery(db: Queryable, query: AuditQuery, cursor = query.cursor): Promise<AuditPage> {
  const options = {
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    limit: query.limit,
    cursor,
    ...(query.outcome ? { outcome: query.outcome } : {}),
  };
  if (query.patientId) return auditByPatient(db, query.patientId, options);
  if (query.userId) return auditByUser(db, query.userId, options);
  return auditByTime(db, options);
}
