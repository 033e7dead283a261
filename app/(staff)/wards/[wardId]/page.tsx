import type { Metadata } from "next";
import Link from "next/link";
import { FreshnessBadge } from "@/components/ward-list/freshness-badge";
import { LiveRefresh } from "@/components/ward-list/live-refresh";
import { WardSwitcher } from "@/components/ward-list/ward-switcher";
import { WardTable } from "@/components/ward-list/ward-table";
import { declareRoute } from "@/lib/access/authorize";
import { getAppContext } from "@/lib/server/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { myWards, wardCensus } from "@/lib/ward-list/ward-census";

export const metadata: Metadata = { title: "Ward list" };

const route = declareRoute("patients:read");

export default async function WardPage({ params }: { params: Promise<{ wardId: string }> }) {
  const principal = await pagePrincipal(route);
  const { db } = await getAppContext();
  const now = new Date();
  const { wardId } = await params;
  const [census, wards] = await Promise.all([wardCensus(db, principal, wardId, now), myWards(db, principal)]);
  const onLeave = census.entries.filter((entry) => entry.status === "on-leave").length;
  const preAdmitted = census.entries.filter((entry) => entry.status === "pre-admitted").length;
  return (
    <div className="space-y-4">
      <LiveRefresh />
      <WardSwitcher wards={wards} current={wardId} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">
          {census.ward.name}{" "}
          <span className="text-base font-normal text-slate-700">{census.ward.facilityName}</span>
        </h1>
        <FreshnessBadge asOf={census.asOf.toISOString()} />
      </div>
      <p className="text-sm">
        {census.entries.length} patients · {census.ward.bedCount} beds · {onLeave} on leave · {preAdmitted}{" "}
        pre-admissions ·{" "}
        <Link href={`/wards/${wardId}/print`} className="underline">
          Print ward list
        </Link>{" "}
        ·{" "}
        <Link href="/search" className="underline">
          Search
        </Link>
      </p>
      <WardTable entries={census.entries} now={now} />
    </div>
  );
}
