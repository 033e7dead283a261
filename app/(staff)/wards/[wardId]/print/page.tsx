import type { Metadata } from "next";
import { AlertList } from "@/components/alerts/alert-list";
import { AllergySummary } from "@/components/alerts/allergy-summary";
import { FeedSilenceBanner } from "@/components/feed/feed-silence-banner";
import { PrintButton } from "@/components/print-button";
import { declareRoute } from "@/lib/access/authorize";
import { readFeedAges } from "@/lib/census/feed-ages";
import { getConfig } from "@/lib/env";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal, refusePage } from "@/lib/server/auth/page-principal";
import {
  ageInYears,
  birthDateText,
  dateText,
  displayName,
  nhsNumberText,
  timeText,
} from "@/lib/ward-list/format";
import { wardCensus } from "@/lib/ward-list/ward-census";

export const metadata: Metadata = { title: "Print ward list" };

const route = declareRoute("patients:read");

/** The paper fallback: A4 landscape, one ward per page, who printed it and how old the data is. */
export default async function PrintWardPage({ params }: { params: Promise<{ wardId: string }> }) {
  const principal = await pagePrincipal(route);
  const { db } = await getAppContext();
  const now = new Date();
  // Another ward, or one that does not exist: audited by the scope check, then a refusal page.
  const census = await wardCensus(db, principal, (await params).wardId, now).catch(refusePage);
  const feeds = await readFeedAges(db, getConfig().feedSilenceMinutes);
  return (
    <div className="print-page space-y-2">
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-black pb-1">
        <h1 className="text-xl font-bold">
          {census.ward.name} — {census.ward.facilityName}
        </h1>
        <p className="text-sm">
          Printed {dateText(now)} {timeText(now)} by {principal.displayName} · data as of{" "}
          {timeText(census.asOf)} · {census.entries.length} patients · CONFIDENTIAL: shred after use
        </p>
        <PrintButton />
      </header>
      <FeedSilenceBanner
        feeds={feeds}
        facilityCode={census.ward.facilityCode}
        now={now}
        subject="this list"
      />
      <table className="w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-black">
            <th scope="col" className="p-1">
              Bed
            </th>
            <th scope="col" className="p-1">
              Name
            </th>
            <th scope="col" className="p-1">
              Born (age)
            </th>
            <th scope="col" className="p-1">
              NHS number
            </th>
            <th scope="col" className="p-1">
              MRN
            </th>
            <th scope="col" className="p-1">
              Consultant
            </th>
            <th scope="col" className="p-1">
              Admitted
            </th>
            <th scope="col" className="p-1">
              Allergies / alerts
            </th>
          </tr>
        </thead>
        <tbody>
          {census.entries.map((entry) => {
            const published = entry.patient.published;
            return (
              <tr key={entry.stayId} className="border-b border-slate-400 align-top">
                <td className="p-1 font-bold">{entry.bed ?? "—"}</td>
                <td className="p-1">
                  {displayName(entry.patient)}
                  {entry.status !== "admitted" ? ` (${entry.status})` : ""}
                </td>
                <td className="p-1">
                  {birthDateText(entry.patient.birthDate)} ({ageInYears(entry.patient.birthDate, now) ?? "?"})
                </td>
                <td className="p-1">{nhsNumberText(entry.patient.nhsNumber)}</td>
                <td className="p-1">{entry.patient.mrn}</td>
                <td className="p-1">{entry.consultant ?? "—"}</td>
                <td className="p-1">{dateText(entry.admittedAt)}</td>
                <td className="p-1">
                  {/* High-risk first, then the allergy state, then routine flags: as on screen. */}
                  <span className="flex flex-wrap items-start gap-1">
                    <AlertList published={published} part="high" />
                    <AllergySummary published={published} />
                    <AlertList published={published} part="routine" />
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
