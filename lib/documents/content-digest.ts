/**
 * The SHA-256 a sender may declare for the body it sent, as RFC 9530 `Content-Digest`
 * (`sha-256=:<base64>:`, a Structured Fields dictionary of byte sequences, RFC 8941 §3.2, §3.3.5).
 * With it, a body changed or cut short anywhere on the way, chunked or not, is refused instead of
 * stored. It is optional; a header we cannot check is refused, never silently ignored.
 */
import { AppError } from "@/lib/errors";

const member = /^([a-z][a-z0-9_.*-]*)=:([A-Za-z0-9+/]*={0,2}):(?:;.*)?$/;

/** Hex SHA-256 from the header, or undefined when the sender sent none. */
export function declaredSha256(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(",")) {
    const match = member.exec(part.trim());
    if (!match) throw badDigest("is not an RFC 9530 digest such as sha-256=:<base64>:");
    if (match[1] !== "sha-256") continue;
    const digest = Buffer.from(match[2]!, "base64");
    if (digest.length !== 32) throw badDigest("sha-256 must be 32 bytes, base64-encoded");
    return digest.toString("hex");
  }
  throw badDigest("has no sha-256 entry (the only algorithm checked here)");
}

export function assertDigestMatches(declared: string | undefined, actualSha256: string): void {
  if (declared !== undefined && declared !== actualSha256) {
    throw new AppError(
      "bad_request",
      "The body does not match its Content-Digest (sha-256): it was changed or cut short on the way; nothing was stored",
      { location: "Content-Digest" },
    );
  }
}

function badDigest(problem: string): AppError {
  return new AppError("bad_request", `Content-Digest ${problem}`, { location: "Content-Digest" });
}
