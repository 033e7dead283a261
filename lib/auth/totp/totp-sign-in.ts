/**
 * Phone (BYOD) sign-in: Windows username + 6-digit TOTP code. Decides and records; it does not
 * create the session (the caller does, after `ok: true`).
 *
 * Every refusal a guesser could learn from answers the same `invalid`: unknown username, disabled
 * user, no usable credential, wrong code and replayed code. The unknown-user path still decrypts
 * and verifies a dummy secret and runs the same queries, so timing does not enumerate usernames.
 * "locked" and "rate-limited" are answered distinctly so staff know to wait (accepting that a lock
 * reveals the username exists, once someone has already failed five times against it).
 */
import "server-only";
import { normaliseUsername } from "@/lib/auth/principal";
import type { Keyring } from "@/lib/auth/secrets/secret-box";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { findCredentialMatch } from "./credential-match";
import { attemptsFromIp, failuresSince, lastSuccessAt, recordAttempt } from "./sign-in-attempts";
import { type SignInAudit, signInAudit } from "./sign-in-audit";
import {
  defaultSignInPolicy,
  failureWindowStart,
  ipWindowStart,
  isIpRateLimited,
  isLocked,
  lockedUntilFrom,
  type SignInPolicy,
  shouldLock,
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
}

export type PhoneSignInResult =
  | { ok: true; userId: string; credentialId: string }
  | { ok: false; reason: "invalid" | "locked" | "rate-limited" };

/** Stands in for an unknown user so the same queries run (no row has this id). */
const nobody = "00000000-0000-0000-0000-000000000000";

interface SignInUser {
  id: string;
  enabled: boolean;
  locked_until: Date | string | null;
}

/** The internal reason, for the audit log only; the caller always sees "invalid". */
function failureReason(user: SignInUser | undefined, credentialCount: number): string {
  if (!user) return "unknown-user";
  if (!user.enabled) return "disabled";
  return credentialCount === 0 ? "no-credential" : "wrong-code";
}

export function signInWithTotp(db: Database, input: PhoneSignInInput): Promise<PhoneSignInResult> {
  const username = normaliseUsername(input.username).slice(0, 64);
  const policy = input.policy ?? defaultSignInPolicy;
  const { now } = input;
  return writeTransaction(db, async (tx) => {
    const ipAttempts = await attemptsFromIp(tx, input.ip, ipWindowStart(now));
    // FOR UPDATE serialises concurrent attempts on one account, so parallel guesses cannot all
    // read "4 failures" and slip past the lock (PostgreSQL waits or raises 40001; DSQL conflicts).
    const { rows } = await tx.query<SignInUser>(
      "SELECT id, enabled, locked_until FROM staff_user WHERE username = $1 FOR UPDATE",
      [username],
    );
    const user = rows[0];
    const lockedUntil = user?.locked_until ? new Date(user.locked_until) : null;
    const audit: SignInAudit = signInAudit(tx, { username, userId: user?.id ?? null, input });
    const refuse = async (reason: "locked" | "rate-limited"): Promise<PhoneSignInResult> => {
      await recordAttempt(tx, { userId: user?.id ?? null, ip: input.ip, succeeded: false, at: now });
      await audit.failed(reason);
      return { ok: false, reason };
    };
    if (isIpRateLimited(ipAttempts, policy)) return refuse("rate-limited");
    if (user && isLocked(lockedUntil, now)) return refuse("locked");

    const eligible = user?.enabled ? user : undefined;
    const credentials = await usableCredentials(tx, eligible?.id ?? nobody, now);
    const match = await findCredentialMatch(input.keyring, credentials, input.code, now);
    let why = failureReason(user, credentials.length);
    if (eligible && match) {
      if (await claimTimeStep(tx, match.credential.id, match.timeStep)) {
        if (match.credential.status === "pending") {
          await activateCredential(tx, { credentialId: match.credential.id, userId: eligible.id, now });
          await audit.activated(match.credential);
        }
        await recordAttempt(tx, { userId: eligible.id, ip: input.ip, succeeded: true, at: now });
        return { ok: true, userId: eligible.id, credentialId: match.credential.id };
      }
      why = "replay";
    }

    await recordAttempt(tx, { userId: user?.id ?? null, ip: input.ip, succeeded: false, at: now });
    await audit.failed(why);
    const subject = user?.id ?? nobody;
    const since = failureWindowStart({
      now,
      policy,
      lockedUntil,
      lastSuccessAt: await lastSuccessAt(tx, subject),
    });
    const failures = await failuresSince(tx, subject, since);
    if (user && shouldLock(failures, policy)) {
      const until = lockedUntilFrom(now, policy);
      await tx.query("UPDATE staff_user SET locked_until = $2, updated_at = $3 WHERE id = $1", [
        user.id,
        until,
        now,
      ]);
      await audit.locked(failures, until);
    }
    return { ok: false, reason: "invalid" };
  });
}
