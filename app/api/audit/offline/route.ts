import { z } from "zod";
import { declareRoute } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("signed-in");

const uuid = z.uuid().nullable();
const body = z.object({
  events: z
    .array(
      z.object({
        eventId: z.string().min(1).max(64),
        action: z.enum(["ward.view", "patient.view", "patient.search"]),
        at: z.iso.datetime({ offset: true }),
        stayId: uuid,
        patientId: uuid,
        wardId: uuid,
      }),
    )
    .max(500),
});

/**
 * Reads that happened offline, uploaded when the device is back online: recorded with their
 * original time and marked offline, so IG sees them like any other read.
 */
export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const parsed = body.safeParse(await jsonBody(request));
    if (!parsed.success)
      throw new AppError("bad_request", "events: expected the offline read queue's format");
    const events = parsed.data.events.map((event) => ({
      ...actorFields(principal),
      action: event.action,
      outcome: "success" as const,
      occurredAt: new Date(event.at),
      offline: true,
      patientId: event.patientId,
      wardId: event.wardId,
      detail: { eventId: event.eventId, stayId: event.stayId },
    }));
    await writeTransaction(db, (tx) => recordAudit(tx, events));
    return Response.json({ recorded: events.length });
  });
}
