/**
 * Where a patient went who has just left one of the reader's wards: discharged, or moved to a
 * ward outside their list. An open patient screen whose record is no longer readable asks this
 * so it can say so ("Discharged from Heron Ward at 14:02", "Moved to Oak Ward bed 4") instead of
 * a dead end. Told only to readers whose own ward the stay was on, and only for
 * `departureNoticeHours`: a reader cannot use it to follow a patient around the hospital. Each
 * answer is audited as a view of the patient (`via: "departure"`). A move to a ward the reader
 * can see is no departure: the record itself answers, and the screen notices the new ward.
 */
import "server-only";
import { z } from "zod";
import { isUuid } from "@/lib/access/uuid";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { readableWardIds } from "./readable-wards";

export const departureNoticeHours = 24;

export type Departure =
  | { kind: "discharged"; fromWardId: string; fromWardName: string; at: string }
  | {
      kind: "moved";
      fromWardId: string;
      fromWardName: string;
      toWardName: string;
      toBed: string | null;
      at: string;
    };

const historySchema = z.array(z.object({ at: z.string(), ward: z.string().optional() }));

function parseHistory(text: string): { at: string; ward?: string }[] {
  try {
    const parsed = historySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

interface StayRow {
  status: string;
  ward_id: string | null;
  ward_name: string | null;
  bed: string | null;
  discharged_at: Date | null;
  last_event_at: Date;
  history: string;
  facility_id: string;
  patient_id: string;
}

async function decide(db: Database, stay: StayRow, scope: ReadonlySet<string>): Promise<Departure | null> {
  if (stay.status === "discharged") {
    if (!stay.ward_id || !scope.has(stay.ward_id)) return null;
    const at = new Date(stay.discharged_at ?? stay.last_event_at).toISOString();
    return { kind: "discharged", fromWardId: stay.ward_id, fromWardName: stay.ward_name ?? "the ward", at };
  }
  if (stay.status === "cancelled" || !stay.ward_id || scope.has(stay.ward_id)) return null;
  // Moved off the reader's wards: the latest step on one of them, and the move that followed it.
  const { rows: wards } = await db.query<{ id: string; code: string; name: string }>(
    "SELECT id, code, name FROM ward WHERE facility_id = $1",
    [stay.facility_id],
  );
  const byCode = new Map(wards.map((ward) => [ward.code, ward]));
  const history = parseHistory(stay.history);
  for (let index = history.length - 2; index >= 0; index--) {
    const from = byCode.get(history[index]!.ward ?? "");
    if (!from || !scope.has(from.id)) continue;
    const at = new Date(history[index + 1]!.at).toISOString();
    return {
      kind: "moved",
      fromWardId: from.id,
      fromWardName: from.name,
      toWardName: stay.ward_name ?? "another ward",
      toBed: stay.bed,
      at,
    };
  }
  return null;
}

/** The departure to tell this reader about, or null (then the screen says it cannot show the patient). */
export async function patientDeparture(
  db: Database,
  principal: Principal,
  stayId: string,
  now: Date,
): Promise<Departure | null> {
  if (!isUuid(stayId)) return null;
  const { rows } = await db.query<StayRow>(
    `SELECT s.status, s.ward_id, w.name AS ward_name, s.bed, s.discharged_at, s.last_event_at, s.history,
            s.facility_id, s.patient_id
       FROM stay s LEFT JOIN ward w ON w.id = s.ward_id
      WHERE s.id = $1`,
    [stayId],
  );
  if (!rows[0]) return null;
  const scope = new Set(await readableWardIds(db, principal));
  const departure = await decide(db, rows[0], scope);
  if (!departure || now.getTime() - Date.parse(departure.at) > departureNoticeHours * 3_600_000) return null;
  const patientId = rows[0].patient_id;
  await writeTransaction(db, (tx) =>
    recordAudit(tx, {
      ...actorFields(principal),
      action: "patient.view",
      outcome: "success",
      occurredAt: now,
      patientId,
      wardId: departure.fromWardId,
      breakGlass: false,
      detail: { via: "departure", kind: departure.kind },
    }),
  );
  return departure;
}
