/** The CSV body of an import request, and the import's problem answers (every bad row, or what a failed batch left). */
import "server-only";
import { problemResponse } from "@/lib/server/http/problem";
import { readBodyWithLimit } from "@/lib/server/http/read-body";
import { StaffCsvError, StaffImportIncompleteError } from "@/lib/staff/csv-import";

export const maxStaffCsvBytes = 5 * 1024 * 1024;

export async function csvBody(request: Request): Promise<string> {
  return new TextDecoder().decode(await readBodyWithLimit(request, maxStaffCsvBytes));
}

/** A problem response for the import's own errors, or null to let staffRoute answer. */
export function importProblem(error: unknown): Response | null {
  if (error instanceof StaffCsvError) return problemResponse(error, { errors: error.errors });
  if (error instanceof StaffImportIncompleteError)
    return problemResponse(error, { written: error.written, total: error.total });
  return null;
}
