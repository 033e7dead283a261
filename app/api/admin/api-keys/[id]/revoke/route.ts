import { declareRoute } from "@/lib/access/authorize";
import { revokeApiClient } from "@/lib/api-clients/api-clients";
import { actorFields } from "@/lib/audit/actor-fields";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:settings");

/** Revokes a key: refused at once here, within 30 s by other instances (their key cache). */
export function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, principal }) =>
    Response.json(await revokeApiClient(db, (await params).id, { by: actorFields(principal) }), {
      headers: { "Cache-Control": "no-store" },
    }),
  );
}
