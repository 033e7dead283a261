import { declareRoute } from "@/lib/access/authorize";
import { readFeedAges } from "@/lib/census/feed-ages";
import { getConfig } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { staffRoute } from "@/lib/server/http/staff-route";
import { latestChange } from "@/lib/sync/latest-change";
import { patientDeparture } from "@/lib/ward-list/patient-departure";
import { patientRecord } from "@/lib/ward-list/patient-record";

const route = declareRoute("patients:read");

/**
 * One patient's record by stay id, as JSON: ward scope or break-glass, audited (patient-record.ts),
 * with the feed ages. A patient who has just left the reader's ward (discharged, or moved off their
 * wards) answers `departure` instead of the record, so an open screen says where they went.
 */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    const now = new Date();
    const stayId = (await params).id;
    const { token } = await latestChange(db, principal);
    const feeds = await readFeedAges(db, getConfig().feedSilenceMinutes);
    const headers = { "Cache-Control": "no-store, private" };
    try {
      const record = await patientRecord(db, principal, stayId, now);
      return Response.json({ asOf: now.toISOString(), token, feeds, record }, { headers });
    } catch (error) {
      if (!isAppError(error) || (error.code !== "not_found" && error.code !== "forbidden")) throw error;
      const departure = await patientDeparture(db, principal, stayId, now);
      if (!departure) throw error;
      return Response.json({ asOf: now.toISOString(), token, feeds, departure }, { headers });
    }
  });
}
