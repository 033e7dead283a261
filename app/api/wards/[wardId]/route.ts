import { declareRoute } from "@/lib/access/authorize";
import { staffRoute } from "@/lib/server/http/staff-route";
import { latestChange } from "@/lib/sync/latest-change";
import { wardCensus } from "@/lib/ward-list/ward-census";

const route = declareRoute("patients:read");

/** One ward's list as JSON for the staff UI, which draws the device copy first, then this. */
export function GET(_request: Request, { params }: { params: Promise<{ wardId: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    // The change token is read first: a change landing after it moves the token the page polls.
    const { token } = await latestChange(db, principal);
    const census = await wardCensus(db, principal, (await params).wardId, new Date());
    return Response.json(
      { ward: census.ward, asOf: census.asOf.toISOString(), token, entries: census.entries },
      { headers: { "Cache-Control": "no-store, private" } },
    );
  });
}
