import { declareRoute } from "@/lib/access/authorize";
import { currentHealth } from "@/lib/runtime/current-health";

// Public: shows no patient data.
declareRoute("public");

export const dynamic = "force-dynamic";

/** 200 when the database and document store answer, 503 when either does not. */
export async function GET() {
  const report = await currentHealth();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
