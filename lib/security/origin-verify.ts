/**
 * Proof that a request came through our CloudFront distribution, not straight to the Lambda
 * function URL (docs/adr/0004-opennext-lambda-and-origin.md). CloudFront adds a secret header on
 * every origin request; the function refuses requests without a current value. Two values may be
 * accepted at once so the secret can be rotated without refusing traffic while CloudFront
 * propagates the new one.
 */
import { timingSafeEqual } from "node:crypto";

export const originVerifyHeader = "x-downtime-origin-verify";

/** Accepted secrets from `ORIGIN_VERIFY_SECRETS` ("current[,previous]"); each at least 32 characters. */
export function parseOriginSecrets(value: string | undefined): string[] {
  const secrets = (value ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
  if (secrets.length === 0) throw new Error("ORIGIN_VERIFY_SECRETS is required behind CloudFront");
  if (secrets.some((secret) => secret.length < 32)) {
    throw new Error("ORIGIN_VERIFY_SECRETS: each secret must be at least 32 characters");
  }
  return secrets;
}

/** True when `headers` (lower-case names, as a function URL passes them) carry an accepted secret. */
export function originVerified(
  headers: Record<string, string | undefined> | undefined,
  accepted: readonly string[],
): boolean {
  const presented = headers?.[originVerifyHeader];
  if (!presented) return false;
  const given = Buffer.from(presented);
  // Compare against every value, in constant time per value, so timing says nothing about which.
  let match = false;
  for (const secret of accepted) {
    const expected = Buffer.from(secret);
    if (expected.length === given.length && timingSafeEqual(expected, given)) match = true;
  }
  return match;
}
