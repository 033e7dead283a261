import { declareRoute } from "@/lib/access/authorize";
import { staffRoute } from "@/lib/server/http/staff-route";
import { latestChange } from "@/lib/sync/latest-change";

const route = declareRoute("signed-in");

/** A cheap change token for the user's wards, polled by open ward lists (no patient data). */
export function GET() {
  return staffRoute(route, async ({ db, principal }) =>
    Response.json(await latestChange(db, principal), { headers: { "Cache-Control": "no-store" } }),
  );
}
