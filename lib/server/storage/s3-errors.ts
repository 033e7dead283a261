/**
 * Maps errors from @aws-sdk/client-s3 to AppError. Outages (no HTTP answer, 5xx, throttling) become
 * "unavailable" so ingest answers 503 and the sender retries; misconfiguration (403, missing bucket)
 * becomes "internal". Messages name the operation and S3's error code only, never an object key.
 */
import { AppError, isAppError } from "@/lib/errors";

interface SdkErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Retry-worthy S3 error codes (S3 API Reference, "List of error codes"). BadDigest and
 * XAmzContentSHA256Mismatch mean the body changed in transit: we computed the checksum ourselves.
 */
const TRANSIENT_CODES = new Set([
  "SlowDown",
  "ServiceUnavailable",
  "InternalError",
  "RequestTimeout",
  "Throttling",
  "ThrottlingException",
  "TimeoutError",
  "BadDigest",
  "XAmzContentSHA256Mismatch",
]);

/** Only NoSuchKey means "no document"; NoSuchBucket or AccessDenied must not pass for an empty store. */
export function isNoSuchKey(error: unknown): boolean {
  return (error as SdkErrorShape | undefined)?.name === "NoSuchKey";
}

export function s3Failure(operation: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  const name = shape.code ?? shape.name ?? "unknown";
  const noAnswer = status === undefined && (shape.$metadata !== undefined || /^E[A-Z]+$/.test(name));
  const transient = noAnswer || (status !== undefined && (status >= 500 || status === 429));
  const code = transient || TRANSIENT_CODES.has(name) ? "unavailable" : "internal";
  return new AppError(code, `Document storage (S3) ${operation} failed (${name})`, { cause: error });
}
