import { declareRoute } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { updateWard } from "@/lib/census/facility-admin";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:settings");

/** Rename a ward, change its bed count or specialty (`null` clears it): any of the three. */
export function PATCH(request: Request, { params }: { params: Promise<{ code: string; ward: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    const { code, ward } = await params;
    const updated = await updateWard(db, code, ward, await jsonBody(request), actorFields(principal));
    return Response.json(updated);
  });
}
