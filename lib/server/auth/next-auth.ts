/**
 * Auth.js (next-auth v5), configured by auth-config.ts. No `auth()` export: requests read the
 * session through current-principal.ts (session-cookie.ts), not Auth.js's per-call session action.
 */
import "server-only";
import NextAuth from "next-auth";
import { authConfig } from "./auth-config";

export { SignInRefused } from "./auth-config";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}

export const { handlers, signIn, signOut } = NextAuth(authConfig);
