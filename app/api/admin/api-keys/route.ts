import { declareRoute } from "@/lib/access/authorize";
import { createApiClient, listApiClients } from "@/lib/api-clients/api-clients";
import { actorFields } from "@/lib/audit/actor-fields";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:settings");

const noStore = { "Cache-Control": "no-store" };

/** Integration API keys (`npm run api-key`'s rules): list with last used; create one (shown once). */
export function GET() {
  return staffRoute(route, async ({ db }) => Response.json(await listApiClients(db), { headers: noStore }));
}

/** `{ name, facilityCodes, rateLimitPerMinute?, mrnAuthorities? }` → 201 `{ client, key }`; the key is never shown again. */
export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const input = (await jsonBody(request)) as Parameters<typeof createApiClient>[1];
    const issued = await createApiClient(db, input, { by: actorFields(principal) });
    return Response.json(issued, { status: 201, headers: noStore });
  });
}
