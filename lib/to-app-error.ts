/** Any thrown value as an AppError: known ones as they are, driver outages as unavailable. */
import "server-only";
import { isUnavailableError } from "@/lib/db/unavailable";
import { AppError, isAppError } from "@/lib/errors";
import { log, safeError } from "@/lib/log";

/** `context`: what names the failed work in the log (a control id, never patient data). */
export function toAppError(error: unknown, where: string, context: Record<string, string> = {}): AppError {
  if (isAppError(error)) return error;
  if (isUnavailableError(error))
    return new AppError("unavailable", "The database or document store is unavailable; retry later");
  log.error(`${where}.unexpected`, { ...context, ...safeError(error) });
  return new AppError("internal", "Internal error");
}
