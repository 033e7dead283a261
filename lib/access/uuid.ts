/**
 * Ids from URLs and forms are untrusted: a value that is not a UUID can never name a row, and
 * passing it to PostgreSQL would raise an error (a 500) instead of a plain refusal.
 */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && uuidPattern.test(value);
}
