import { declareRoute } from "@/lib/access/authorize";
import { readinessThresholds } from "@/lib/readiness/readiness-thresholds";
import { wardReadiness } from "@/lib/readiness/ward-readiness";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:settings");

/** Per-ward readiness figures and ratings, with the thresholds they were rated against. */
export function GET() {
  return staffRoute(route, async ({ db }) => {
    const now = new Date();
    const thresholds = await readinessThresholds(db);
    return Response.json(
      { generatedAt: now.toISOString(), thresholds, wards: await wardReadiness(db, thresholds, now) },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}
