/**
 * The Auth.js configuration (next-auth v5; served by next-auth.ts): JWT session cookies (HttpOnly, SameSite=Lax, Secure
 * outside local) that carry only our session id; the credentials providers turn a launcher
 * token or a username + TOTP code into a session row (session-store.ts), and every request
 * re-checks that row (current-principal.ts). Every sign-out, Auth.js's own POST /api/auth/signout
 * included, ends that row (end-session.ts): clearing the cookie alone would leave a copied cookie
 * working until the row expired. Kept apart from next-auth.ts so tests can drive Auth.js's own
 * endpoints with exactly this configuration.
 */
import "server-only";
import { CredentialsSignin } from "@auth/core/errors";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { endSession } from "@/lib/auth/sessions/end-session";
import { sessionSecret } from "@/lib/auth/sessions/session-secret";
import { launcherSignIn } from "@/lib/auth/sign-in/launcher-sign-in";
import { phoneSignIn } from "@/lib/auth/sign-in/phone-sign-in";
import type { SignInOutcome } from "@/lib/auth/sign-in/sign-in-user";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { getAppContext } from "@/lib/runtime/app-context";
import { requestFacts } from "@/lib/server/http/request-facts";
import { sessionCookieName } from "./session-cookie";

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

/** `request` is there for the route handlers, absent for server actions (which have headers()). */
export function authConfig(request: Request | undefined): NextAuthConfig {
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
    events: {
      async signOut(message) {
        const sessionId = "token" in message ? message.token?.sid : undefined;
        if (typeof sessionId !== "string") return;
        const facts = requestFacts(request?.headers ?? (await (await import("next/headers")).headers()));
        const { db } = await getAppContext();
        await endSession(db, sessionId, { ...facts, now: new Date() });
      },
    },
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
}
