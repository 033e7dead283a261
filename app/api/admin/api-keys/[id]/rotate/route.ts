import { declareRoute } from "@/lib/access/authorize";
import { rotateApiClient } from "@/lib/api-clients/api-clients";
import { actorFields } from "@/lib/audit/actor-fields";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:settings");

/** Revokes a key and issues its replacement (same name, sites, rate, MRN authorities): 201 `{ client, key }`. */
export function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, principal }) =>
    Response.json(await rotateApiClient(db, (await params).id, { by: actorFields(principal) }), {
      status: 201,
      headers: { "Cache-Control": "no-store" },
    }),
  );
}
