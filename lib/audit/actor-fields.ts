/**
 * The "who, how, from where" part of an audit event, taken from the signed-in principal, so every
 * recorder stamps the same facts the same way (user id and username as they are now, session,
 * launcher device or BYOD, IP and user agent).
 */
import type { Principal } from "@/lib/auth/principal";
import type { AuditEventInput } from "./record-audit";

export type ActorFields = Pick<
  AuditEventInput,
  "userId" | "username" | "sessionId" | "method" | "deviceId" | "ip" | "userAgent"
>;

export function actorFields(principal: Principal): ActorFields {
  return {
    userId: principal.userId,
    username: principal.username,
    sessionId: principal.sessionId,
    method: principal.method,
    deviceId: principal.deviceId ?? null,
    ip: principal.ip,
    userAgent: principal.userAgent,
  };
}
