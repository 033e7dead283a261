import { declareRoute } from "@/lib/access/authorize";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/server/http/staff-route";
import { importStaffBatch } from "@/lib/staff/csv-import";
import { csvBody, importProblem } from "../csv-body";

const route = declareRoute("admin:users");

/**
 * One batch of an import (`?start=` 0, then each answer's `next`): the whole file (text/csv) is
 * checked again, then up to 200 users are written in one transaction. The console calls it batch
 * by batch to move its progress bar; a batch already written writes nothing when repeated.
 */
export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const start = new URL(request.url).searchParams.get("start") ?? "0";
    if (!/^\d{1,6}$/.test(start))
      throw new AppError("bad_request", "start must be a row index", { location: "start" });
    const text = await csvBody(request);
    try {
      return Response.json(
        await importStaffBatch(
          db,
          text,
          { userId: principal.userId, username: principal.username },
          Number(start),
        ),
      );
    } catch (error) {
      const problem = importProblem(error);
      if (problem) return problem;
      throw error;
    }
  });
}
