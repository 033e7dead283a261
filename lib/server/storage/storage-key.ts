/**
 * Key and prefix rules shared by every document store adapter, so a key that works on the files
 * adapter also works on S3 and vice versa. Keys are internal ids joined by "/", e.g.
 * `<facility-uuid>/<patient-uuid>/<document-id>.pdf`. Messages never echo the key.
 */
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";

/** S3 limits keys to 1024 bytes of UTF-8; our alphabet is ASCII so bytes equal characters. */
const MAX_KEY_LENGTH = 1024;
/** File systems cap a name at 255 bytes; leave room for the files adapter's sidecar and temp names. */
const MAX_SEGMENT_LENGTH = 200;
const SEGMENT = /^[A-Za-z0-9._-]+$/;
/** Sidecar metadata of the files adapter; a key may not collide with one. */
export const META_SUFFIX = ".meta.json";
const SHA256_HEX = /^[0-9a-f]{64}$/;

function segmentProblem(segment: string): string | null {
  if (segment === "") return "empty path segment";
  if (segment.length > MAX_SEGMENT_LENGTH) return "path segment that is too long";
  if (!SEGMENT.test(segment)) return "characters outside [A-Za-z0-9._/-]";
  // Also rules out "." and ".."; dot-files are reserved for the files adapter's temp and probe files.
  if (segment.startsWith(".")) return "segment starting with a dot";
  if (segment.endsWith(META_SUFFIX)) return `segment ending with ${META_SUFFIX}`;
  return null;
}

/** Throws AppError("bad_request") unless `key` is a relative, slash-separated path of safe segments. */
export function assertValidKey(key: string): void {
  if (key.length === 0) throw new AppError("bad_request", "Storage key is empty");
  if (key.length > MAX_KEY_LENGTH) throw new AppError("bad_request", "Storage key is too long");
  for (const segment of key.split("/")) {
    const problem = segmentProblem(segment);
    if (problem) throw new AppError("bad_request", `Storage key has ${problem}`);
  }
}

/**
 * Prefixes name a folder: "fac-a/p1/" must not match "fac-a/p10/...", so a trailing slash is
 * required. The empty prefix (whole store) is allowed only where `allowRoot` says so (usage, never
 * deleteByPrefix).
 */
export function assertValidPrefix(prefix: string, options: { allowRoot: boolean }): void {
  if (prefix === "") {
    if (options.allowRoot) return;
    throw new AppError("bad_request", "Storage prefix must not be empty");
  }
  if (!prefix.endsWith("/")) throw new AppError("bad_request", "Storage prefix must end with a slash");
  assertValidKey(prefix.slice(0, -1));
}

export function sha256Hex(body: Uint8Array): string {
  return createHash("sha256").update(body).digest("hex");
}

/** Hex SHA-256 of the body; when the caller supplied one it must match (any case). */
export function verifiedSha256(body: Uint8Array, expected: string | undefined): string {
  const actual = sha256Hex(body);
  if (expected === undefined) return actual;
  const normalised = expected.toLowerCase();
  if (!SHA256_HEX.test(normalised)) throw new AppError("bad_request", "sha256 must be 64 hex digits");
  if (normalised !== actual) throw new AppError("bad_request", "Document body does not match its sha256");
  return actual;
}
