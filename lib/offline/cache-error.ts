/**
 * The one error the ward cache throws at the UI. IndexedDB and Dexie fail in many shapes (a
 * DOMException, a Dexie error wrapping one in `inner`, an AbortError whose cause is the quota);
 * `toCacheError` folds them into a closed set of kinds the UI can explain to staff. Messages
 * never contain patient data: they are written here, not copied from the failure.
 */
export type CacheErrorKind = "quota" | "blocked" | "unavailable" | "corrupt";

const messages: Record<CacheErrorKind, string> = {
  quota: "This device is out of storage space, so the offline ward list cannot be saved. Free some space.",
  blocked: "The offline ward list is being upgraded in another tab. Close other Downtime tabs and reload.",
  unavailable: "Offline storage is not available in this browser (private mode or storage disabled).",
  corrupt: "The offline ward list on this device is damaged. It will be cleared and downloaded again.",
};

export class CacheError extends Error {
  readonly kind: CacheErrorKind;

  constructor(kind: CacheErrorKind, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? messages[kind], { cause: options?.cause });
    this.name = "CacheError";
    this.kind = kind;
  }
}

export function isCacheError(error: unknown): error is CacheError {
  return error instanceof CacheError;
}

/** The error names of a failure and everything it wraps (Dexie `inner`, standard `cause`). */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === "string") names.push(name);
    current = inner ?? cause;
  }
  return names;
}

const unavailableNames = new Set([
  "OpenFailedError",
  "VersionError",
  "DatabaseClosedError",
  "MissingAPIError",
  "InvalidStateError",
  "UnknownError",
  "NotFoundError",
  "SecurityError",
  "InvalidAccessError",
]);

/** Maps a storage failure to a CacheError; anything unrecognised is rethrown unchanged, never swallowed. */
export function toCacheError(error: unknown): CacheError {
  if (error instanceof CacheError) return error;
  const names = errorNames(error);
  if (names.includes("QuotaExceededError")) return new CacheError("quota", { cause: error });
  if (names.some((name) => unavailableNames.has(name)))
    return new CacheError("unavailable", { cause: error });
  throw error;
}

/** Runs a storage operation, turning storage failures into CacheError. */
export async function guardStorage<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toCacheError(error);
  }
}
