/**
 * Tells "the database is down or unreachable" apart from "this statement is wrong", so ingest
 * can answer 503 (the sender retries later) instead of rejecting a message that was fine.
 */
import { AppError } from "@/lib/errors";

const networkErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

export function isUnavailableError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (networkErrorCodes.has(code)) return true;
    // SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P0x (shutdown).
    if (/^08/.test(code) || /^53/.test(code) || /^57P0[1-3]$/.test(code)) return true;
  }
  return (
    typeof message === "string" &&
    /Connection terminated|connect ETIMEDOUT|timeout exceeded when trying to connect/i.test(message)
  );
}

/** Rethrows driver errors that mean "unavailable" as AppError("unavailable"); others unchanged. */
export function translateDriverError(error: unknown): never {
  if (isUnavailableError(error)) {
    throw new AppError("unavailable", "The database is unavailable; retry later.", { cause: error });
  }
  throw error;
}
