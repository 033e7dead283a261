/**
 * Auth.js (next-auth v5) configuration: JWT session cookies (HttpOnly, SameSite=Lax, Secure
 * outside local) that carry only our session id; the credentials providers turn a launcher
 * token or a username + TOTP code into a session row (session-store.ts), and every request
 * re-checks that row (current-principal.ts).
 */
import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { sessionSecret } from "@/lib/auth/sessions/session-secret";
import { launcherSignIn } from "@/lib/auth/sign-in/launcher-sign-in";
import { phoneSignIn } from "@/lib/auth/sign-in/phone-sign-in";
import type { SignInOutcome } from "@/lib/auth/sign-in/sign-in-user";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { getAppContext } from "@/lib/runtime/app-context";
import { requestFacts } from "@/lib/server/http/request-facts";
import { sessionCookieName } from "./session-cookie";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}

/** Carries the refusal's plain message to the sign-in page (Auth.js puts `code` on the error). */
export class SignInRefused extends CredentialsSignin {
  constructor(outcome: Extract<SignInOutcome, { ok: false }>) {
    super(outcome.reason);
    this.code = outcome.message;
  }
}

function appOrigin(request: Request): string {
  return getConfig().publicOrigin ?? new URL(request.url).origin;
}

function toUser(outcome: SignInOutcome) {
  if (!outcome.ok) throw new SignInRefused(outcome);
  return { id: outcome.sessionId };
}

// No `auth()` export: requests read the session through current-principal.ts (session-cookie.ts),
// not Auth.js's per-call session action.
export const { handlers, signIn, signOut } = NextAuth(() => {
  const config = getConfig();
  const local = config.appEnv === "local";
  return {
    secret: sessionSecret(config),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 12 * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // Refused sign-ins are expected and already logged and audited with their reason; keep
    // Auth.js's own output to one structured line without stack traces or request data.
    logger: {
      error: (error: Error) => log.warn("auth.error", { errorType: error.name }),
      warn: (code: string) => log.warn("auth.warning", { code }),
      debug: () => {},
    },
    cookies: {
      sessionToken: {
        name: sessionCookieName(config.appEnv),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: !local },
      },
    },
    providers: [
      Credentials({
        id: "launcher",
        credentials: { token: {} },
        async authorize(credentials, request) {
          const { db } = await getAppContext();
          const token = typeof credentials.token === "string" ? credentials.token : "";
          const facts = requestFacts(request.headers);
          return toUser(
            await launcherSignIn(db, {
              token,
              audience: appOrigin(request),
              appEnv: config.appEnv,
              ...facts,
              now: new Date(),
            }),
          );
        },
      }),
      Credentials({
        id: "phone",
        credentials: { username: {}, code: {} },
        async authorize(credentials, request) {
          const context = await getAppContext();
          const facts = requestFacts(request.headers);
          const username = typeof credentials.username === "string" ? credentials.username : "";
          const code = typeof credentials.code === "string" ? credentials.code : "";
          return toUser(await phoneSignIn(context, { username, code, ...facts, now: new Date() }));
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sid = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
  };
});
