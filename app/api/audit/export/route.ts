import { declareRoute } from "@/lib/access/authorize";
import { auditCsvLines } from "@/lib/audit/audit-csv";
import { readAuditQuery, runAuditQuery } from "@/lib/audit/audit-request";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("audit:read");

/** The same report as CSV, streamed page by page (RFC 4180, formula-safe). */
export function GET(request: Request) {
  return staffRoute(route, async ({ db }) => {
    const query = { ...readAuditQuery(new URL(request.url)), limit: 500 };
    const lines = auditCsvLines((cursor) => runAuditQuery(db, query, cursor ?? undefined));
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="downtime-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
