/**
 * Who is making a request, as every server-side authorisation check sees it: resolved from the
 * session cookie and re-checked against the database on each request (a disabled user or a
 * revoked session or device stops at once).
 */
import type { Role } from "@/lib/access/roles";

export type SignInMethod = "launcher" | "byod";

export interface Principal {
  userId: string;
  /** DOMAIN\user, lower-case. */
  username: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
  method: SignInMethod;
  /** The ward PC for launcher sessions. */
  deviceId?: string;
  /** Request origin facts for the audit log. */
  ip: string;
  userAgent: string;
}

/** Windows usernames compare case-insensitively; stored and compared lower-case. */
export function normaliseUsername(input: string): string {
  return input.trim().toLowerCase();
}

/** DOMAIN\user (NetBIOS domain, sAMAccountName), the form the launcher reads from Windows. */
export const windowsUsernamePattern = /^[a-z0-9][a-z0-9.-]{0,14}\\[a-z0-9._-]{1,20}$/;
