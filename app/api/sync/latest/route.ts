import { declareRoute } from "@/lib/access/authorize";
import { staffRoute } from "@/lib/server/http/staff-route";
import { latestChange } from "@/lib/sync/latest-change";

const route = declareRoute("signed-in");

/**
 * A cheap change token for the user's wards, polled by open ward lists (no patient data). An
 * unchanged token confirms the screen's data as of `checkedAt`, so "as of" stays true while online.
 */
export function GET() {
  return staffRoute(route, async ({ db, principal }) => {
    const checkedAt = new Date().toISOString();
    const change = await latestChange(db, principal);
    return Response.json({ ...change, checkedAt }, { headers: { "Cache-Control": "no-store" } });
  });
}
