import { declareRoute } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import { addWard } from "@/lib/census/facility-admin";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:settings");

/** Add a ward to a site: `{ code, name, bedCount, specialty? }`. */
export function POST(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    const { code } = await params;
    const ward = await addWard(db, code, await jsonBody(request), actorFields(principal));
    return Response.json(ward, { status: 201 });
  });
}
