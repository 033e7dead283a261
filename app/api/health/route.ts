import { declareRoute } from "@/lib/access/authorize";
import { healthHttpStatus } from "@/lib/health/check-health";
import { currentHealth } from "@/lib/runtime/current-health";

// Public: shows no patient data.
declareRoute("public");

export const dynamic = "force-dynamic";

/**
 * 200 when the database and document store answer (status "degraded" with the silent sources named
 * when a feed is silent: load balancers keep serving), 503 when either does not.
 */
export async function GET() {
  const report = await currentHealth();
  return Response.json(report, {
    status: healthHttpStatus(report),
    headers: { "Cache-Control": "no-store" },
  });
}
