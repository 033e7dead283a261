import { declareRoute } from "@/lib/access/authorize";
import { readAuditQuery, runAuditQuery } from "@/lib/audit/audit-request";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("audit:read");

/** IG report: who accessed which patient (by patient, by user, or by time range), paged. */
export function GET(request: Request) {
  return staffRoute(route, async ({ db }) => {
    const page = await runAuditQuery(db, readAuditQuery(new URL(request.url)));
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  });
}
