/**
 * The audit of a search, in one insert: one `patient.search` row with the query as typed (IG
 * needs to see what was looked for; the audit table may hold it, logs may not), what kind of
 * query it was, and the patients shown (records and candidates apart), then one
 * `patient.search.hit` row per patient shown, with its patient id, so IG finds every search that
 * showed a patient. Each hit names its search row's id.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { actorFields } from "@/lib/audit/actor-fields";
import { type AuditEventInput, recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import type { SearchQuery } from "./search-query";
import type { SearchResult } from "./search-result";

type Searched =
  | { outcome: "refused" | "failure"; query: string; queryType: null }
  | { outcome: "success"; query: string; result: SearchResult };

export function recordSearch(db: Database, principal: Principal, now: Date, searched: Searched) {
  const searchId = randomUUID();
  const actor = { ...actorFields(principal), occurredAt: now };
  const shown = searched.outcome === "success" ? searched.result : null;
  // A patient with two current stays on the user's wards is one patient shown.
  const records = [...new Map(shown?.records.map((record) => [record.patient.patientId, record]) ?? [])];
  const candidates = shown?.candidates.map((candidate) => candidate.patientId) ?? [];
  const queryType: SearchQuery["type"] | "invalid" | null =
    shown?.queryType ?? (searched.outcome === "failure" ? "invalid" : null);
  const events: AuditEventInput[] = [
    {
      ...actor,
      id: searchId,
      action: "patient.search",
      outcome: searched.outcome,
      detail: {
        query: searched.query,
        queryType,
        ...(shown
          ? {
              records: records.map(([patientId]) => patientId),
              candidates,
              outsideCount: shown.outsideCount,
              truncated: shown.truncated,
            }
          : {}),
      },
    },
    ...records.map(
      ([patientId, record]): AuditEventInput => ({
        ...actor,
        action: "patient.search.hit",
        outcome: "success",
        patientId,
        wardId: record.wardId,
        // Shown through a grant: flagged for IG like every read the grant allows.
        breakGlass: record.access === "break-glass",
        detail: { searchId, shownAs: "record" },
      }),
    ),
    ...candidates.map(
      (patientId): AuditEventInput => ({
        ...actor,
        action: "patient.search.hit",
        outcome: "success",
        patientId,
        detail: { searchId, shownAs: "candidate" },
      }),
    ),
  ];
  return writeTransaction(db, (tx) => recordAudit(tx, events));
}
