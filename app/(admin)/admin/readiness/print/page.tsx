import type { Metadata } from "next";
import { connection } from "next/server";
import { ReadinessTable } from "@/components/admin/readiness/readiness-table";
import { PrintButton } from "@/components/print-button";
import { declareRoute } from "@/lib/access/authorize";
import { sortWards } from "@/lib/readiness/readiness-table";
import { readinessThresholds } from "@/lib/readiness/readiness-thresholds";
import { wardReadiness } from "@/lib/readiness/ward-readiness";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

export const metadata: Metadata = { title: "Readiness report" };

const route = declareRoute("admin:settings");

/** The readiness report on paper for a downtime drill: A4 landscape, every ward, who printed it and when. */
export default async function ReadinessPrintPage() {
  await connection();
  const principal = await pagePrincipal(route);
  const { db, config } = await getAppContext();
  const now = new Date();
  const thresholds = await readinessThresholds(db);
  const wards = sortWards(await wardReadiness(db, thresholds, now), "ward");
  const printed = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: config.timeZone,
  });
  const counts = { red: 0, amber: 0, green: 0 };
  for (const ward of wards) counts[ward.ratings.overall]++;
  return (
    <div className="space-y-2">
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-black pb-1">
        <h1 className="text-xl font-bold">Downtime readiness report</h1>
        <p className="text-sm">
          Printed {printed.format(now)} by {principal.displayName} · {wards.length} wards: {counts.red} red,{" "}
          {counts.amber} amber, {counts.green} green
        </p>
        <PrintButton />
      </header>
      <p className="text-xs">
        Thresholds (green / amber): enrolled {thresholds.enrolledPercent.green}% /{" "}
        {thresholds.enrolledPercent.amber}%; signed in within 30 days {thresholds.signedInPercent.green}% /{" "}
        {thresholds.signedInPercent.amber}%; ward PCs seen in 24 h {thresholds.wardPcsSeen.green} /{" "}
        {thresholds.wardPcsSeen.amber}; last ADT event within {thresholds.adtAgeHours.green} h /{" "}
        {thresholds.adtAgeHours.amber} h; newest document within {thresholds.documentAgeHours.green} h /{" "}
        {thresholds.documentAgeHours.amber} h.
      </p>
      <ReadinessTable wards={wards} timeZone={config.timeZone} now={now} />
    </div>
  );
}
