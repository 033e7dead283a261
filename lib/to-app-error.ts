/**
 * Any thrown value as an AppError of this module copy: known ones as they are (rebuilt when they
 * come from another bundle's copy of lib/errors), outages of the database or document store as
 * unavailable (503 + Retry-After), anything else logged without patient data and answered as
 * internal.
 */
import "server-only";
import { isUnavailableError } from "@/lib/db/unavailable";
import { AppError, asAppError } from "@/lib/errors";
import { log, safeError } from "@/lib/log";

/** `context`: what names the failed work in the log (a control id, never patient data). */
export function toAppError(error: unknown, where: string, context: Record<string, string> = {}): AppError {
  const known = asAppError(error);
  if (known) return known;
  if (isUnavailableError(error)) {
    return new AppError("unavailable", "The database or document store is unavailable; retry later", {
      cause: error,
    });
  }
  log.error(`${where}.unexpected`, { ...context, ...safeError(error) });
  return new AppError("internal", "Internal error");
}
