import { declareRoute } from "@/lib/access/authorize";
import { problemResponse } from "@/lib/server/http/problem";
import { readBodyWithLimit } from "@/lib/server/http/read-body";
import { staffRoute } from "@/lib/server/http/staff-route";
import { importStaffCsv, StaffCsvError } from "@/lib/staff/csv-import";

const route = declareRoute("admin:users");

/** Bulk import (text/csv): all rows or none; every bad row is listed with its row number. */
export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const text = new TextDecoder().decode(await readBodyWithLimit(request, 5 * 1024 * 1024));
    try {
      return Response.json(
        await importStaffCsv(db, text, { userId: principal.userId, username: principal.username }),
      );
    } catch (error) {
      if (error instanceof StaffCsvError) return problemResponse(error, { errors: error.errors });
      throw error;
    }
  });
}
