/**
 * Phone (BYOD) sign-in: Windows username + TOTP code (lib/auth/totp), allowed only while the
 * BYOD policy allows it (always, or only during declared downtime), for a known enabled user.
 * Wrong code, unknown user, replay, a look-alike name: one answer, so nobody can probe which
 * usernames exist.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { keyringFromConfig } from "@/lib/auth/secrets/keyring-from-config";
import { createSession } from "@/lib/auth/sessions/session-store";
import { signInWithTotp } from "@/lib/auth/totp/totp-sign-in";
import type { Database } from "@/lib/db/types";
import type { Config } from "@/lib/env";
import { byodSignInAllowed } from "@/lib/settings/downtime-switch";
import { type SignInOutcome, userAllowedHere } from "./sign-in-user";
import { screenSignInUsername } from "./sign-in-username";
import { escapedForAudit } from "./username-folding";

export interface PhoneSignInRequest {
  username: string;
  code: string;
  ip: string;
  userAgent: string;
  now: Date;
}

const messages = {
  invalid:
    "That username and code did not match. Check the 6-digit code in your authenticator app and try again.",
  locked:
    "Too many wrong codes: your account is locked for 15 minutes. Ask the service desk if you need access now.",
  "rate-limited": "Too many sign-in attempts from this network. Wait a minute and try again.",
} as const;

/** Per account; the per-address limit is configured (SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE). */
export const phoneSignInPolicy = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };

export async function phoneSignIn(
  { config, db }: { config: Config; db: Database },
  request: PhoneSignInRequest,
): Promise<SignInOutcome> {
  const screened = await screenSignInUsername(db, request.username);
  const { username } = screened;
  if (!(await byodSignInAllowed(db))) {
    await recordAudit(db, {
      action: "sign-in.failed",
      outcome: "refused",
      method: "byod",
      username,
      ip: request.ip,
      userAgent: request.userAgent,
      detail: { reason: "byod-not-allowed" },
    });
    return {
      ok: false,
      reason: "byod-not-allowed",
      message: "Phone sign-in is available only while downtime is declared. Use a ward PC.",
    };
  }
  if (!screened.ok) {
    // A look-alike of someone's name: refused before any code is checked, with the same answer
    // as a wrong code so nobody learns which names exist.
    await recordAudit(db, {
      action: "sign-in.failed",
      outcome: "refused",
      method: "byod",
      username,
      ip: request.ip,
      userAgent: request.userAgent,
      occurredAt: request.now,
      detail: { reason: screened.reason, subject: escapedForAudit(request.username) },
    });
    return { ok: false, reason: screened.reason, message: messages.invalid };
  }
  // The whole keyring (current key and its id, retired keys): secrets enrolled before a key
  // rotation are still readable.
  const keyring = keyringFromConfig(config);
  const result = await signInWithTotp(db, {
    username,
    code: request.code,
    ip: request.ip,
    userAgent: request.userAgent,
    now: request.now,
    keyring,
    policy: { ...phoneSignInPolicy, perIpPerMinute: config.signInAttemptsPerIpPerMinute },
  });
  if (!result.ok) return { ok: false, reason: result.reason, message: messages[result.reason] };
  const user = await userAllowedHere(db, username, config.appEnv);
  if (!user.ok) return user;
  const session = await createSession(db, {
    userId: user.userId,
    method: "byod",
    ip: request.ip,
    userAgent: request.userAgent,
    now: request.now,
  });
  await recordAudit(db, {
    action: "sign-in",
    outcome: "success",
    method: "byod",
    userId: user.userId,
    username,
    sessionId: session.id,
    ip: request.ip,
    userAgent: request.userAgent,
    occurredAt: request.now,
  });
  return { ok: true, sessionId: session.id };
}
