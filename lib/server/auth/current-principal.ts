/** The signed-in principal for this request, or null: the one source every route and page uses. */
import "server-only";
import { headers } from "next/headers";
import type { Principal } from "@/lib/auth/principal";
import { getAppContext } from "@/lib/server/app-context";
import { requestFacts } from "@/lib/server/http/request-facts";
import { auth } from "./next-auth";
import { principalForSession } from "./session-store";

export async function currentPrincipal(): Promise<Principal | null> {
  const session = await auth();
  if (!session?.sid) return null;
  const { db } = await getAppContext();
  return principalForSession(db, session.sid, { ...requestFacts(await headers()), now: new Date() });
}
