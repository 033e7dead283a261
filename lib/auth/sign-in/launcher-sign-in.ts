/**
 * Ward PC sign-in: a desktop launcher token (verified in lib/auth/launcher) becomes a session for
 * a known, enabled user. Every refusal has its own logged reason and a plain message for staff.
 */
import "server-only";
import { type AuditEventInput, recordAuditNow } from "@/lib/audit/record-audit";
import { noteDeviceSeen } from "@/lib/auth/launcher/device-last-seen";
import { userMessageFor, verifyLaunchToken } from "@/lib/auth/launcher/verify-launch-token";
import { createSession } from "@/lib/auth/sessions/session-store";
import type { Database } from "@/lib/db/types";
import type { AppEnvironment } from "@/lib/env";
import { log } from "@/lib/log";
import { type SignInOutcome, unknownUserMessage, userAllowedHere } from "./sign-in-user";
import { screenSignInUsername } from "./sign-in-username";
import { escapedForAudit } from "./username-folding";

export interface LauncherSignInRequest {
  token: string;
  audience: string;
  appEnv: AppEnvironment;
  ip: string;
  userAgent: string;
  now: Date;
}

export async function launcherSignIn(db: Database, request: LauncherSignInRequest): Promise<SignInOutcome> {
  const verified = await verifyLaunchToken(db, request.token, {
    audience: request.audience,
    now: request.now,
  });
  const base = {
    method: "launcher" as const,
    ip: request.ip,
    userAgent: request.userAgent,
    occurredAt: request.now,
    deviceId: verified.deviceId,
  };
  const refuse = async (reason: string, audit: Partial<AuditEventInput>) => {
    log.warn("sign-in.launcher.refused", { reason });
    await recordAuditNow(db, { ...base, action: "sign-in.failed", outcome: "refused", ...audit });
  };
  if (!verified.ok) {
    await refuse(verified.reason, { detail: { reason: verified.reason } });
    return { ok: false, reason: verified.reason, message: userMessageFor(verified.reason) };
  }
  // The PC proved it holds its key: it was seen, whoever it signs in. Throttled (device-last-seen.ts);
  // a failure to note it must not stop the sign-in.
  await noteDeviceSeen(db, verified.deviceId, request.now).catch((error: unknown) =>
    log.warn("launcher.last-seen.failed", { error: error instanceof Error ? error.name : "unknown" }),
  );
  const screened = await screenSignInUsername(db, verified.subject);
  if (!screened.ok) {
    await refuse(screened.reason, {
      username: screened.username,
      detail: { reason: screened.reason, subject: escapedForAudit(verified.subject) },
    });
    return { ok: false, reason: screened.reason, message: unknownUserMessage };
  }
  const user = await userAllowedHere(db, screened.username, request.appEnv);
  if (!user.ok) {
    await refuse(user.reason, { username: screened.username, detail: { reason: user.reason } });
    return user;
  }
  const session = await createSession(
    db,
    {
      userId: user.userId,
      method: "launcher",
      deviceId: verified.deviceId,
      ip: request.ip,
      userAgent: request.userAgent,
      now: request.now,
    },
    (sessionId) => ({
      ...base,
      action: "sign-in",
      outcome: "success",
      userId: user.userId,
      username: screened.username,
      sessionId,
    }),
  );
  return { ok: true, sessionId: session.id };
}
