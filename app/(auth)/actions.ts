"use server";
/**
 * Sign-in and sign-out server actions. Next checks the Origin of every server action (CSRF);
 * Auth.js sets the session cookie. Refusals come back as a plain message for the form.
 */
import { AuthError } from "next-auth";
import { declareRoute } from "@/lib/access/authorize";

// Public: signing in is how a session starts; signing out acts only on the caller's own session.
declareRoute("public");

import { endSession } from "@/lib/auth/sessions/end-session";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { signIn, signOut } from "@/lib/server/auth/next-auth";

export interface SignInState {
  error?: string;
}

function refusal(error: unknown): SignInState {
  if (error instanceof AuthError) {
    const code = (error as AuthError & { code?: string }).code;
    return { error: code && code !== "credentials" ? code : "Sign-in failed. Try again." };
  }
  throw error; // includes Next's redirect on success
}

export async function signInWithLauncher(token: string): Promise<SignInState> {
  try {
    await signIn("launcher", { token, redirectTo: "/" });
    return {};
  } catch (error) {
    return refusal(error);
  }
}

export async function signInWithPhone(_previous: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get("username") ?? "");
  const code = String(form.get("code") ?? "").replace(/\s/g, "");
  if (!username.trim() || !/^\d{6}$/.test(code))
    return { error: "Enter your Windows username (DOMAIN\\user) and the 6-digit code." };
  try {
    await signIn("phone", { username, code, redirectTo: "/" });
    return {};
  } catch (error) {
    return refusal(error);
  }
}

export async function signOutAction(): Promise<void> {
  const principal = await currentPrincipal();
  if (principal) {
    const { db } = await getAppContext();
    // Revoked and audited in one transaction; Auth.js's own sign-out event then finds it ended.
    await endSession(db, principal.sessionId, {
      ip: principal.ip,
      userAgent: principal.userAgent,
      now: new Date(),
    });
  }
  await signOut({ redirectTo: "/sign-in" });
}
