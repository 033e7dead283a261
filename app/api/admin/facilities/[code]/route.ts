import { declareRoute } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { findFacilityWithWards } from "@/lib/census/facilities";
import { renameFacility } from "@/lib/census/facility-admin";
import { AppError } from "@/lib/errors";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:settings");

type Params = { params: Promise<{ code: string }> };

/** One site by its code, with its wards. */
export function GET(_request: Request, { params }: Params) {
  return staffRoute(route, async ({ db }) => {
    const { code } = await params;
    const facility = await findFacilityWithWards(db, code);
    if (!facility) throw new AppError("not_found", `No facility with code ${code}`);
    return Response.json(facility, { headers: { "Cache-Control": "no-store" } });
  });
}

/** Rename a site (`{ name }`); its code is fixed, since feeds and API keys name it. */
export function PATCH(request: Request, { params }: Params) {
  return staffRoute(route, async ({ db, principal }) => {
    const { code } = await params;
    return Response.json(await renameFacility(db, code, await jsonBody(request), actorFields(principal)));
  });
}
