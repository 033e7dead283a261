import { declareRoute } from "@/lib/access/authorize";
import { staffRoute } from "@/lib/server/http/staff-route";
import { downtimeStatus } from "@/lib/settings/downtime-switch";

const route = declareRoute("signed-in");

/**
 * Whether downtime is declared, for the banner on screens left open (components/downtime-banner.tsx
 * polls it): the reason and since when, not who declared it.
 */
export function GET() {
  return staffRoute(route, async ({ db }) => {
    const status = await downtimeStatus(db);
    const body = status.declared
      ? { declared: true, since: status.since?.toISOString() ?? null, reason: status.reason ?? null }
      : { declared: false };
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  });
}
