import { declareRoute } from "@/lib/access/authorize";
import { staffRoute } from "@/lib/server/http/staff-route";
import { previewStaffImport } from "@/lib/staff/csv-import";
import { csvBody } from "../csv-body";

const route = declareRoute("admin:users");

/** What importing this file (text/csv) would do, row by row, with every problem. Writes nothing. */
export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const preview = await previewStaffImport(db, await csvBody(request), {
      userId: principal.userId,
      username: principal.username,
    });
    return Response.json(preview, { headers: { "Cache-Control": "no-store" } });
  });
}
