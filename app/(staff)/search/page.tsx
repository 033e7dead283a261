import type { Metadata } from "next";
import { PatientSearch } from "@/components/search/patient-search";
import { declareRoute } from "@/lib/access/authorize";
import { hasPermission } from "@/lib/access/roles";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

export const metadata: Metadata = { title: "Search" };

const route = declareRoute("patients:read");

/** The search page: the form posts to a server action (search-action.ts), so no query is in the URL. */
export default async function SearchPage() {
  const principal = await pagePrincipal(route);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Search for a patient</h1>
      <PatientSearch canBreakGlass={hasPermission(principal.roles, "patients:break-glass")} />
    </div>
  );
}
