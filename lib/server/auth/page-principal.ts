/** For staff pages: the principal allowed by the page's policy, or a redirect to sign in. */
import "server-only";
import { redirect } from "next/navigation";
import type { DeclaredRoute } from "@/lib/access/authorize";
import type { Principal } from "@/lib/auth/principal";
import { currentPrincipal } from "./current-principal";

export async function pagePrincipal(route: DeclaredRoute): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in");
  return route.authorize(principal)!;
}
