/** For staff pages: the principal allowed by the page's policy, or a redirect to sign in. */
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { DeclaredRoute } from "@/lib/access/authorize";
import type { Principal } from "@/lib/auth/principal";
import { currentPrincipal } from "./current-principal";

async function hasSessionCookie(): Promise<boolean> {
  const jar = await cookies();
  return jar.has("downtime.session") || jar.has("__Secure-downtime.session");
}

export async function pagePrincipal(route: DeclaredRoute): Promise<Principal> {
  const principal = await currentPrincipal();
  // A session cookie that no longer maps to a live session means the session ended (expired,
  // signed out elsewhere, PC revoked): say so, with how to get back in.
  if (!principal) redirect((await hasSessionCookie()) ? "/sign-in?ended=1" : "/sign-in");
  return route.authorize(principal)!;
}
