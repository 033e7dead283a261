import { declareRoute } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { listFacilitiesWithWards } from "@/lib/census/facilities";
import { createFacility } from "@/lib/census/facility-admin";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:settings");

/** Sites and their wards: list, and create one (`{ code, name }`) before its feed or API key. */
export function GET() {
  return staffRoute(route, async ({ db }) =>
    Response.json(await listFacilitiesWithWards(db), { headers: { "Cache-Control": "no-store" } }),
  );
}

export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) =>
    Response.json(await createFacility(db, await jsonBody(request), actorFields(principal)), { status: 201 }),
  );
}
