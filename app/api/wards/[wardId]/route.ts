import { declareRoute } from "@/lib/access/authorize";
import { readFeedAges } from "@/lib/census/feed-ages";
import { getConfig } from "@/lib/env";
import { staffRoute } from "@/lib/server/http/staff-route";
import { latestChange } from "@/lib/sync/latest-change";
import { wardCensus } from "@/lib/ward-list/ward-census";

const route = declareRoute("patients:read");

/**
 * One ward's list as JSON for the staff UI, which draws the device copy first, then this; with the
 * feed ages (`feeds`: each facility's last census message), so the list says how old its source is.
 */
export function GET(_request: Request, { params }: { params: Promise<{ wardId: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    const { wardId } = await params;
    // The change token (of this ward, as the page polls it) is read first: a change landing after
    // it moves the token.
    const { token } = await latestChange(db, principal, wardId);
    const census = await wardCensus(db, principal, wardId, new Date());
    const feeds = await readFeedAges(db, getConfig().feedSilenceMinutes);
    return Response.json(
      {
        ward: census.ward,
        asOf: census.asOf.toISOString(),
        token,
        feeds,
        entries: census.entries,
        knownBeds: census.knownBeds,
      },
      { headers: { "Cache-Control": "no-store, private" } },
    );
  });
}
