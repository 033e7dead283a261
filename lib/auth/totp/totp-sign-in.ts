/**
 * Phone (BYOD) sign-in: Windows username + 6-digit TOTP code. Decides and records; it does not
 * create the session (the caller does, after `ok: true`).
 *
 * Nothing a guesser sees depends on whether the username exists, at any stage. Every refusal of
 * a checked code (unknown username, disabled user, no usable credential, wrong or replayed code)
 * answers the same `invalid`, and the unknown-user path still decrypts and verifies a dummy
 * secret and runs the same queries. The throttle (sign-in-throttle.ts) is keyed on the username
 * as typed and the client address, never on the account, so "throttled" (wait N seconds) and
 * "rate-limited" come in the same way for a name nobody holds. No account is ever locked.
 */
import "server-only";
import { normaliseUsername } from "@/lib/auth/principal";
import type { Keyring } from "@/lib/auth/secrets/secret-box";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { log } from "@/lib/log";
import { checkCredentials } from "./credential-match";
import { attemptsFromIp, recordAttempt } from "./sign-in-attempts";
import { type SignInAudit, signInAudit } from "./sign-in-audit";
import {
  clearDeviceFailures,
  deviceFailures,
  markAlerted,
  saveDeviceFailures,
  subjectKey,
  userFailures,
} from "./sign-in-backoff";
import {
  attackWindowStart,
  defaultSignInPolicy,
  ipWindowStart,
  isIpRateLimited,
  isUnderAttack,
  rememberedFailures,
  type SignInPolicy,
  shouldRaiseAlert,
  waitSeconds,
} from "./sign-in-throttle";
import { activateCredential, claimTimeStep, usableCredentials } from "./totp-credentials";

export interface PhoneSignInInput {
  username: string;
  code: string;
  ip: string;
  userAgent: string;
  now: Date;
  keyring: Keyring;
  policy?: SignInPolicy;
  /**
   * Refuse whatever the code, after the same throttle and the same work, recording this reason
   * (a look-alike username the caller screened out): its answers then match any other name's.
   */
  refuseAs?: { reason: string; detail?: Record<string, string> };
}

export type PhoneSignInResult =
  | { ok: true; userId: string; credentialId: string }
  | { ok: false; reason: "invalid" | "rate-limited" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Stands in for an unknown user so the same queries run (no row has this id). */
const nobody = "00000000-0000-0000-0000-000000000000";

interface SignInUser {
  id: string;
  enabled: boolean;
}

/** The internal reason, for the audit log only; the caller always sees "invalid". */
function failureReason(user: SignInUser | undefined, credentialCount: number): string {
  if (!user) return "unknown-user";
  if (!user.enabled) return "disabled";
  return credentialCount === 0 ? "no-credential" : "wrong-code";
}

export async function signInWithTotp(db: Database, input: PhoneSignInInput): Promise<PhoneSignInResult> {
  const username = normaliseUsername(input.username).slice(0, 64);
  const subject = subjectKey(username);
  const policy = input.policy ?? defaultSignInPolicy;
  const { now, ip } = input;
  const { result, alert } = await writeTransaction(db, async (tx) => {
    let alert: { failures: number; devices: number } | undefined;
    const ipAttempts = await attemptsFromIp(tx, ip, ipWindowStart(now));
    const device = await deviceFailures(tx, subject, ip);
    const user = input.refuseAs
      ? undefined
      : (await tx.query<SignInUser>("SELECT id, enabled FROM staff_user WHERE username = $1", [username]))
          .rows[0];
    const audit: SignInAudit = signInAudit(tx, { username, userId: user?.id ?? null, input });
    const attempt = (succeeded: boolean) =>
      recordAttempt(tx, { userId: user?.id ?? null, ip, succeeded, at: now });

    if (isIpRateLimited(ipAttempts, policy)) {
      await attempt(false);
      await audit.failed("rate-limited");
      return { result: { ok: false, reason: "rate-limited" } as const };
    }
    const before = await userFailures(tx, subject, attackWindowStart(now, policy));
    const underAttack = isUnderAttack(before.failures, policy);
    const wait = waitSeconds({ device, now, policy, underAttack });
    if (wait > 0) {
      // Refused without checking the code, and not counted as a failure: pressing "Sign in"
      // again while waiting does not make the wait longer.
      await attempt(false);
      await audit.failed("throttled", {
        failures: rememberedFailures(device, now, policy),
        retryAfterSeconds: wait,
        underAttack,
      });
      return { result: { ok: false, reason: "throttled", retryAfterSeconds: wait } as const };
    }

    const eligible = user?.enabled ? user : undefined;
    const credentials = await usableCredentials(tx, eligible?.id ?? nobody, now);
    const check = await checkCredentials(input.keyring, credentials, input.code, now);
    let why = input.refuseAs?.reason ?? failureReason(user, credentials.length);
    if (eligible && check.kind === "match") {
      const { credential, timeStep } = check.match;
      if (await claimTimeStep(tx, credential.id, timeStep)) {
        if (credential.status === "pending") {
          await activateCredential(tx, { credentialId: credential.id, userId: eligible.id, now });
          await audit.activated(credential);
        }
        await attempt(true);
        await clearDeviceFailures(tx, subject, ip);
        return { result: { ok: true, userId: eligible.id, credentialId: credential.id } as const };
      }
      why = "replay";
    } else if (eligible && check.kind === "replay") {
      why = "replay";
    }

    const failures = rememberedFailures(device, now, policy) + 1;
    await attempt(false);
    await saveDeviceFailures(tx, { subject, ip, failures, at: now });
    await audit.failed(why, { failures, ...input.refuseAs?.detail });
    const after = await userFailures(tx, subject, attackWindowStart(now, policy));
    if (shouldRaiseAlert({ userFailures: after.failures, lastAlertAt: after.lastAlertAt, now, policy })) {
      alert = { failures: after.failures, devices: after.devices };
      await audit.attackSuspected({ ...alert, windowMinutes: policy.attackWindowMinutes });
      await markAlerted(tx, subject, ip, now);
    }
    return { result: { ok: false, reason: "invalid" } as const, alert };
  });
  // After COMMIT, so a retried transaction logs once. Counts only: no username, no address.
  if (alert) log.warn("sign-in.attack-suspected", alert);
  return result;
}
