/**
 * Tells "the database or document store is down or unreachable" apart from "this statement or
 * message is wrong", so ingest can answer 503 (the sender retries later) instead of rejecting a
 * message that was fine. Everything is recognised by codes and properties, never by `instanceof`:
 * the error may come from another bundle's copy of a class (see lib/errors.ts) or from a driver.
 */
import { AppError, isAppError } from "@/lib/errors";

/** Node socket and DNS failures (net, dns): the server could not be reached or went away. */
const networkErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

/**
 * SQLSTATE classes 08 (connection exception: 08000, 08003, 08006...), 53 (insufficient
 * resources: too many connections, out of memory), 57P01 admin shutdown, 57P02 crash shutdown,
 * 57P03 cannot connect now (starting up, shutting down, in recovery). PostgreSQL appendix A.
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08/.test(code) || /^53/.test(code) || /^57P0[1-3]$/.test(code);
}

/**
 * What node-postgres says when it has no SQLSTATE to give: a socket closed under a query
 * ("Connection terminated unexpectedly", "... due to connection timeout"), a pool that could not
 * hand out a connection in time, a client whose connection already failed. PGlite when closed.
 */
const unavailableMessage =
  /Connection terminated|connect ETIMEDOUT|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|PGlite is closed/i;

/** Wrapped errors are followed this deep (cause chains, AggregateError from dual-stack connects). */
const MAX_DEPTH = 4;

function unavailable(error: unknown, depth: number): boolean {
  if (typeof error !== "object" || error === null || depth > MAX_DEPTH) return false;
  // Our own errors say what they are: an "internal" wrapping a socket error stays internal.
  if (isAppError(error)) return error.code === "unavailable";
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === "string" && (networkErrorCodes.has(code) || isUnavailableSqlState(code))) return true;
  if (typeof message === "string" && unavailableMessage.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => unavailable(inner, depth + 1))) return true;
  return unavailable(cause, depth + 1);
}

export function isUnavailableError(error: unknown): boolean {
  return unavailable(error, 0);
}

/** Rethrows driver errors that mean "unavailable" as AppError("unavailable"); others unchanged. */
export function translateDriverError(error: unknown): never {
  if (isUnavailableError(error) && !isAppError(error)) {
    throw new AppError("unavailable", "The database is unavailable; retry later.", { cause: error });
  }
  throw error;
}
