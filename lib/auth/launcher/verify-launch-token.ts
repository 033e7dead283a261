/**
 * Verifies a desktop-launcher token: a compact JWS (RFC 7515 §7.1) carrying JWT claims (RFC 7519)
 * signed by a registered ward PC's own key. It proves which PC sent it and which Windows account it
 * says is signed in; it does NOT check that account is a Downtime user (the caller does that next).
 * Reads the device row on every call (no cache), so a revoked PC is refused at once.
 */
import "server-only";
import { decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import { windowsUsernamePattern } from "@/lib/auth/principal";
import { foldUsername } from "@/lib/auth/sign-in/username-folding";
import type { Database } from "@/lib/db/types";
import { deviceIdPattern, findDevice } from "./devices";
import type { LaunchRefusalReason } from "./launch-token-reasons";
import { consumeJti } from "./launcher-jti";
import { algorithmsFor, importLauncherKey } from "./launcher-jwk";

export { type LaunchRefusalReason, userMessageFor } from "./launch-token-reasons";

export interface VerifyLaunchOptions {
  /** The app's origin, e.g. https://downtime.example: the `aud` the launcher signs (RFC 7519 §4.1.3). */
  audience: string;
  now?: Date;
  maxLifetimeSeconds?: number;
  clockSkewSeconds?: number;
}

export type LaunchTokenResult =
  /** `username` folded for look-up; `subject` as signed, for the look-alike screen (sign-in-username.ts). */
  | { ok: true; username: string; subject: string; deviceId: string; jti: string }
  | { ok: false; reason: LaunchRefusalReason; deviceId?: string };

// Header and payload are small JSON objects; anything much bigger is not from our launcher.
const compactJws = /^[A-Za-z0-9_-]{2,1024}\.[A-Za-z0-9_-]{2,2048}\.[A-Za-z0-9_-]{0,512}$/;

export async function verifyLaunchToken(
  db: Database,
  token: string,
  options: VerifyLaunchOptions,
): Promise<LaunchTokenResult> {
  const now = options.now ?? new Date();
  const maxLifetime = options.maxLifetimeSeconds ?? 120;
  const skew = options.clockSkewSeconds ?? 30;
  if (typeof token !== "string" || !compactJws.test(token)) return { ok: false, reason: "malformed" };

  // The header is read unverified only to find the key; every claim is trusted only after jwtVerify.
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const kid = header.kid; // RFC 7515 §4.1.4
  if (typeof kid !== "string" || !deviceIdPattern.test(kid)) return { ok: false, reason: "malformed" };
  const device = await findDevice(db, kid);
  if (!device) return { ok: false, reason: "unknown-device", deviceId: kid };
  if (device.revokedAt) return { ok: false, reason: "revoked-device", deviceId: kid };

  // RFC 7515 §4.1.1 / RFC 8725 §3.1: the algorithm is pinned by the registered key's type, never
  // taken from the token. This refuses "none", and HS256 with the public key used as an HMAC secret.
  const alg = header.alg;
  if (typeof alg !== "string" || !algorithmsFor(device.publicJwk).includes(alg)) {
    return { ok: false, reason: "wrong-algorithm", deviceId: kid };
  }

  let payload: JWTPayload;
  try {
    const key = await importLauncherKey(device.publicJwk, alg);
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [alg],
      // Launchers sign the bare origin; accept a configured "https://host/" as meaning the same.
      audience: URL.canParse(options.audience) ? new URL(options.audience).origin : options.audience,
      currentDate: now,
      clockTolerance: skew,
      requiredClaims: ["sub", "aud", "iat", "exp", "jti"],
    }));
  } catch (error) {
    return { ok: false, reason: reasonForJoseError(error), deviceId: kid };
  }

  if (payload.device !== kid) return { ok: false, reason: "device-mismatch", deviceId: kid };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // jose checked iat and exp are numbers (required above) but not the types of jti and sub.
  const { iat, exp, jti, sub } = payload as Required<Pick<JWTPayload, "iat" | "exp">> &
    Record<string, unknown>;
  if (typeof jti !== "string" || jti.length === 0 || jti.length > 128 || typeof sub !== "string") {
    return { ok: false, reason: "malformed", deviceId: kid };
  }
  // RFC 7519 §4.1.6: iat in the future (beyond the skew) means the PC's clock is ahead.
  if (iat > nowSeconds + skew) return { ok: false, reason: "not-yet-valid", deviceId: kid };
  // A launcher token lives two minutes at most, whatever exp it names (RFC 7519 §4.1.4).
  if (exp - iat > maxLifetime) return { ok: false, reason: "lifetime-too-long", deviceId: kid };
  const username = foldUsername(sub);
  if (!windowsUsernamePattern.test(username)) return { ok: false, reason: "bad-subject", deviceId: kid };

  // Last, so a refused token never burns its jti. Kept until exp + skew, when it is refused anyway.
  const first = await consumeJti(db, jti, kid, new Date((exp + skew) * 1000));
  if (!first) return { ok: false, reason: "replayed", deviceId: kid };
  return { ok: true, username, subject: sub, deviceId: kid, jti };
}

function reasonForJoseError(error: unknown): LaunchRefusalReason {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "wrong-audience";
    if (error.claim === "nbf") return "not-yet-valid";
    return "malformed";
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "bad-signature";
  if (error instanceof errors.JOSEAlgNotAllowed) return "wrong-algorithm";
  return "malformed";
}
