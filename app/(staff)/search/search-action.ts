"use server";
/**
 * The search, posted from the search form: the query travels in the request body, never in the
 * address (which lands in server logs and browser history). The result goes back as it is: it
 * holds nothing about a patient outside scope but name, birth date and sex (lib/ward-list/search.ts).
 */
import { declareRoute } from "@/lib/access/authorize";
import { isAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { searchPatients } from "@/lib/ward-list/search";
import type { SearchResult } from "@/lib/ward-list/search-result";

const route = declareRoute("patients:read");

export interface SearchState {
  /** What was searched for, to keep it in the box. */
  query: string;
  result?: SearchResult;
  error?: string;
}

export async function searchAction(_previous: SearchState, form: FormData): Promise<SearchState> {
  const principal = route.authorize(await currentPrincipal())!;
  const query = String(form.get("q") ?? "").slice(0, 1_000);
  if (!query.trim()) return { query: "", error: "Enter a name, NHS number or MRN" };
  try {
    const { db } = await getAppContext();
    return { query, result: await searchPatients(db, principal, query, new Date()) };
  } catch (error) {
    if (isAppError(error)) return { query, error: error.message };
    throw error;
  }
}
