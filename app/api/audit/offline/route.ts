import { z } from "zod";
import { declareRoute } from "@/lib/access/authorize";
import { AppError } from "@/lib/errors";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";
import { recordOfflineReads } from "@/lib/sync/offline-reads";

const route = declareRoute("signed-in");

const uuid = z.uuid().nullable();
const body = z.object({
  events: z
    .array(
      z.object({
        eventId: z.string().min(1).max(64),
        // Checked per event (lib/sync/offline-read-rules.ts), so one odd event cannot block a queue.
        action: z.string().min(1).max(64),
        at: z.iso.datetime({ offset: true }),
        sessionId: z.string().max(64).optional(),
        stayId: uuid,
        patientId: uuid,
        wardId: uuid,
        documentId: uuid.optional(),
      }),
    )
    .max(500),
});

/**
 * Reads a device made from its offline copy, uploaded when it is back online. Only reads of what
 * the sync feed sent that session, inside the copy's life, are recorded (offline, marked as
 * reported by the device); the answer lists the refused event ids with the reason, and the
 * refusal is audited. A resent upload records nothing twice.
 */
export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const parsed = body.safeParse(await jsonBody(request));
    if (!parsed.success)
      throw new AppError("bad_request", "events: expected the offline read queue's format");
    const answer = await recordOfflineReads(db, principal, parsed.data.events, new Date());
    return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
  });
}
