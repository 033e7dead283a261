import type { Metadata } from "next";
import { FeedSilenceBanner } from "@/components/feed/feed-silence-banner";
import { PatientSearch } from "@/components/search/patient-search";
import { declareRoute } from "@/lib/access/authorize";
import { hasPermission } from "@/lib/access/roles";
import { readFeedAges } from "@/lib/census/feed-ages";
import { getConfig } from "@/lib/env";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { myWards } from "@/lib/ward-list/ward-census";

export const metadata: Metadata = { title: "Search" };

const route = declareRoute("patients:read");

/** The search page: the form posts to a server action (search-action.ts), so no query is in the URL. */
export default async function SearchPage() {
  const principal = await pagePrincipal(route);
  const { db } = await getAppContext();
  // Results come from the user's sites: their feeds' age says how current the results are.
  const sites = new Set((await myWards(db, principal)).map((ward) => ward.facilityCode));
  const feeds = (await readFeedAges(db, getConfig().feedSilenceMinutes)).filter((feed) =>
    sites.has(feed.facilityCode),
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Search for a patient</h1>
      {feeds.length > 0 ? (
        <FeedSilenceBanner feeds={feeds} facilityCode={null} now={new Date()} subject="these results" />
      ) : null}
      <PatientSearch canBreakGlass={hasPermission(principal.roles, "patients:break-glass")} />
    </div>
  );
}
