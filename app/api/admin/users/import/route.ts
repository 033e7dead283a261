import { declareRoute } from "@/lib/access/authorize";
import { staffRoute } from "@/lib/server/http/staff-route";
import { importStaffCsv } from "@/lib/staff/csv-import";
import { csvBody, importProblem } from "./csv-body";

const route = declareRoute("admin:users");

/**
 * Bulk import (text/csv): every row checked before any is written; then batches of 200, each its
 * own transaction. A failed batch answers with what was written; the same file again completes it.
 */
export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const text = await csvBody(request);
    try {
      return Response.json(
        await importStaffCsv(db, text, { userId: principal.userId, username: principal.username }),
      );
    } catch (error) {
      const problem = importProblem(error);
      if (problem) return problem;
      throw error;
    }
  });
}
