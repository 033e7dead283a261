/**
 * Audit events for phone sign-in (method "byod"): failures with an internal reason for IG
 * (the user only ever sees invalid / locked / rate-limited), lock-outs and first activations.
 * The code is never recorded. Successful sign-in is audited by the session code, with the session id.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Queryable } from "@/lib/db/types";
import type { StoredCredential } from "./totp-credentials";

export interface SignInAudit {
  failed(reason: string): Promise<void>;
  locked(failures: number, until: Date): Promise<void>;
  activated(credential: StoredCredential): Promise<void>;
}

export function signInAudit(
  q: Queryable,
  context: {
    username: string;
    userId: string | null;
    input: { ip: string; userAgent: string; now: Date };
  },
): SignInAudit {
  const common = {
    occurredAt: context.input.now,
    userId: context.userId,
    username: context.username,
    method: "byod" as const,
    ip: context.input.ip,
    userAgent: context.input.userAgent,
  };
  return {
    failed: (reason) =>
      recordAudit(q, { ...common, action: "sign-in.failed", outcome: "refused", detail: { reason } }),
    locked: (failures, until) =>
      recordAudit(q, {
        ...common,
        action: "account.locked",
        outcome: "success",
        detail: { failures, lockedUntil: until.toISOString() },
      }),
    activated: (credential) =>
      recordAudit(q, {
        ...common,
        action: "enrolment.activated",
        outcome: "success",
        detail: { credentialId: credential.id, source: credential.source },
      }),
  };
}
