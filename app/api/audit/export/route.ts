import { declareRoute } from "@/lib/access/authorize";
import { auditCsvLines } from "@/lib/audit/audit-csv";
import type { AuditPage } from "@/lib/audit/audit-queries";
import { readAuditQuery, runAuditQuery } from "@/lib/audit/audit-request";
import { readIgReportQuery } from "@/lib/audit/ig-report-query";
import { auditReportRun, resolveIgReport } from "@/lib/audit/ig-reports";
import { tombstoneKeyFor } from "@/lib/runtime/app-ingest-context";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("audit:read");

/**
 * The same report as CSV, streamed page by page (RFC 4180, formula-safe). With `report=` it is
 * one of the IG console's reports (lib/audit/ig-reports.ts), and the export is audited.
 */
export function GET(request: Request) {
  return staffRoute(route, async ({ db, config, principal }) => {
    const url = new URL(request.url);
    let fetchPage: (cursor: string | null) => Promise<AuditPage>;
    if (url.searchParams.has("report")) {
      const query = readIgReportQuery(url.searchParams);
      const report = await resolveIgReport(
        { db, tombstoneKey: tombstoneKeyFor(config), timeZone: config.timeZone },
        query,
      );
      await auditReportRun(db, principal, query, report.subject, "csv");
      fetchPage = (cursor) => report.fetchPage(cursor, 500);
    } else {
      const query = { ...readAuditQuery(url), limit: 500 };
      fetchPage = (cursor) => runAuditQuery(db, query, cursor ?? undefined);
    }
    const lines = auditCsvLines(fetchPage);
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
