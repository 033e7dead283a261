/**
 * Audit events for phone sign-in (method "byod"): failures with an internal reason for IG (the
 * user only ever sees invalid / throttled / rate-limited), the alert when one username is being
 * guessed at from many places, and first activations. The code is never recorded. Successful
 * sign-in is audited by the session code, with the session id.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Queryable } from "@/lib/db/types";
import type { StoredCredential } from "./totp-credentials";

type Detail = Record<string, string | number | boolean | null>;

export interface SignInAudit {
  failed(reason: string, detail?: Detail): Promise<unknown>;
  attackSuspected(detail: { failures: number; devices: number; windowMinutes: number }): Promise<unknown>;
  activated(credential: StoredCredential): Promise<unknown>;
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
    failed: (reason, detail = {}) =>
      recordAudit(q, {
        ...common,
        action: "sign-in.failed",
        outcome: "refused",
        detail: { ...detail, reason },
      }),
    attackSuspected: (detail) =>
      recordAudit(q, { ...common, action: "sign-in.attack-suspected", outcome: "success", detail }),
    activated: (credential) =>
      recordAudit(q, {
        ...common,
        action: "enrolment.activated",
        outcome: "success",
        detail: { credentialId: credential.id, source: credential.source },
      }),
  };
}
