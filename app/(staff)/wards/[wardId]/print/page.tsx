import type { Metadata } from "next";
import { AlertList } from "@/components/alerts/alert-list";
import { AllergySummary } from "@/components/alerts/allergy-summary";
import { FeedSilenceBanner } from "@/components/feed/feed-silence-banner";
import { PrintPageMarks } from "@/components/print/print-page-marks";
import { SignatureLine } from "@/components/print/signature-line";
import { PrintButton } from "@/components/print-button";
import { declareRoute } from "@/lib/access/authorize";
import { readFeedAges } from "@/lib/census/feed-ages";
import { getConfig } from "@/lib/env";
import { dataAsOfText } from "@/lib/print/data-as-of";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal, refusePage } from "@/lib/server/auth/page-principal";
import { placeText } from "@/lib/ward-list/bed-place";
import { withEmptyBeds } from "@/lib/ward-list/empty-beds";
import { feedFor } from "@/lib/ward-list/feed-age";
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

/**
 * The paper fallback: A4 landscape, bay by bay and bed by bed with the empty beds the feed has
 * named (space to write a paper admission in), and a signature line. Every printed page repeats
 * the ward, when and by whom it was printed, the feed's age and "Page n of N" in its margins
 * (components/print/print-page-marks.tsx), and the column headings (a table's thead repeats).
 * NHS numbers never wrap: "485 777 3456" is read as one.
 */
export default async function PrintWardPage({ params }: { params: Promise<{ wardId: string }> }) {
  const principal = await pagePrincipal(route);
  const { db } = await getAppContext();
  const now = new Date();
  // Another ward, or one that does not exist: audited by the scope check, then a refusal page.
  const census = await wardCensus(db, principal, (await params).wardId, now).catch(refusePage);
  const feeds = await readFeedAges(db, getConfig().feedSilenceMinutes);
  const wardTitle = `${census.ward.name} — ${census.ward.facilityName}`;
  const printed = `Printed ${dateText(now)} ${timeText(now)} by ${principal.displayName}`;
  const dataAsOf = dataAsOfText(feedFor(feeds, census.ward.facilityCode), now);
  const rows = withEmptyBeds(census.entries, census.knownBeds);
  const emptyCount = rows.length - census.entries.length;
  return (
    <div className="print-page print-ward-list space-y-2">
      <PrintPageMarks
        page="ward-list"
        topLeft={`${wardTitle}\nCONFIDENTIAL: shred after use`}
        topRight={printed}
        bottomLeft={dataAsOf}
      />
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-black pb-1">
        <h1 className="text-xl font-bold">{wardTitle}</h1>
        <p className="text-sm">
          {printed} · {dataAsOf} · {census.entries.length} patients · {emptyCount} empty beds · CONFIDENTIAL:
          shred after use
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
              Bay / bed
            </th>
            <th scope="col" className="p-1">
              Name
            </th>
            <th scope="col" className="p-1">
              Born (age)
            </th>
            <th scope="col" className="w-[7.5rem] p-1 whitespace-nowrap">
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
          {rows.map((row) => {
            if (row.kind === "empty") {
              const place = placeText(row.place);
              return (
                <tr
                  key={`empty:${place}`}
                  className="h-14 border-b border-slate-400 align-top"
                  data-empty-bed=""
                >
                  <td className="p-1 font-bold whitespace-nowrap">{place}</td>
                  <td className="p-1 italic">Empty bed</td>
                  {/* Blank cells: room to write a paper admission into this bed. */}
                  <td colSpan={6} className="p-1" aria-label={`Space to write an admission to ${place}`} />
                </tr>
              );
            }
            const entry = row.entry;
            const published = entry.patient.published;
            return (
              <tr key={entry.stayId} className="border-b border-slate-400 align-top">
                <td className="p-1 font-bold whitespace-nowrap">{placeText(entry)}</td>
                <td className="p-1">
                  {displayName(entry.patient)}
                  {entry.status !== "admitted" ? ` (${entry.status})` : ""}
                </td>
                <td className="p-1">
                  {birthDateText(entry.patient.birthDate)} ({ageInYears(entry.patient.birthDate, now) ?? "?"})
                </td>
                <td className="p-1 whitespace-nowrap" data-nhs-number="">
                  {nhsNumberText(entry.patient.nhsNumber)}
                </td>
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
      <SignatureLine printedBy={principal.displayName} />
    </div>
  );
}
