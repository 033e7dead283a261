/**
 * Phone (BYOD) sign-in: Windows username + TOTP code (lib/auth/totp), allowed only while the
 * BYOD policy allows it (always, or only during declared downtime), for a known enabled user.
 * Wrong code, unknown user, replay, a look-alike name: one answer, and the same throttle answers
 * for every name (lib/auth/totp/sign-in-throttle.ts), so nobody can probe which usernames exist.
 */
import "server-only";
import { recordAuditNow } from "@/lib/audit/record-audit";
import { keyringFromConfig } from "@/lib/auth/secrets/keyring-from-config";
import { createSession } from "@/lib/auth/sessions/session-store";
import { defaultSignInPolicy } from "@/lib/auth/totp/sign-in-throttle";
import { type PhoneSignInResult, signInWithTotp } from "@/lib/auth/totp/totp-sign-in";
import type { Database } from "@/lib/db/types";
import type { Config } from "@/lib/env";
import { byodSignInAllowed } from "@/lib/settings/downtime-switch";
import { qualifyUsername } from "./bare-username";
import { signInDomains } from "./sign-in-domains";
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
  "rate-limited": "Too many sign-in attempts from this network. Wait a minute and try again.",
} as const;

/** The back-off answer: keyed on the name typed and this device, so it reads alike for every name. */
export function throttledMessage(seconds: number): string {
  const wait =
    seconds < 120 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many attempts from this device; wait ${wait} and try again.`;
}

function refusalMessage(result: PhoneSignInResult): string {
  if (result.ok || result.reason === "invalid") return messages.invalid;
  return result.reason === "throttled" ? throttledMessage(result.retryAfterSeconds) : messages[result.reason];
}

export async function phoneSignIn(
  { config, db }: { config: Config; db: Database },
  request: PhoneSignInRequest,
): Promise<SignInOutcome> {
  // "jbloggs" means TRUST\jbloggs when TRUST is the only domain; with several it is refused.
  const qualified = qualifyUsername(request.username, await signInDomains(db));
  if (!qualified.ok) {
    await recordAuditNow(db, {
      action: "sign-in.failed",
      outcome: "refused",
      method: "byod",
      ip: request.ip,
      userAgent: request.userAgent,
      detail: { reason: qualified.reason, subject: escapedForAudit(request.username) },
    });
    return { ok: false, reason: qualified.reason, message: qualified.message };
  }
  const screened = await screenSignInUsername(db, qualified.username);
  const { username } = screened;
  if (!(await byodSignInAllowed(db))) {
    await recordAuditNow(db, {
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
  const attempt = {
    username,
    code: request.code,
    ip: request.ip,
    userAgent: request.userAgent,
    now: request.now,
    // The whole keyring (current key and its id, retired keys): secrets enrolled before a key
    // rotation are still readable.
    keyring: keyringFromConfig(config),
    policy: { ...defaultSignInPolicy, perIpPerMinute: config.signInAttemptsPerIpPerMinute },
  };
  if (!screened.ok) {
    // A look-alike of someone's name: refused whatever the code, after the same throttle and
    // work as any other name, so its answers (wrong code, wait N seconds) say nothing either.
    const refused = await signInWithTotp(db, {
      ...attempt,
      refuseAs: { reason: screened.reason, detail: { subject: escapedForAudit(request.username) } },
    });
    return { ok: false, reason: screened.reason, message: refusalMessage(refused) };
  }
  const result = await signInWithTotp(db, attempt);
  if (!result.ok) return { ok: false, reason: result.reason, message: refusalMessage(result) };
  const user = await userAllowedHere(db, username, config.appEnv);
  if (!user.ok) return user;
  const session = await createSession(
    db,
    { userId: user.userId, method: "byod", ip: request.ip, userAgent: request.userAgent, now: request.now },
    (sessionId) => ({
      action: "sign-in",
      outcome: "success",
      method: "byod",
      userId: user.userId,
      username,
      sessionId,
      ip: request.ip,
      userAgent: request.userAgent,
      occurredAt: request.now,
    }),
  );
  return { ok: true, sessionId: session.id };
}
