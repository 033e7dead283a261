import type { Metadata } from "next";
import { FeedSilenceBanner } from "@/components/feed/feed-silence-banner";
import { PatientDetails } from "@/components/patient/patient-details";
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
import { feedFor } from "@/lib/ward-list/feed-age";
import { dateText, displayName, nhsNumberText, timeText } from "@/lib/ward-list/format";
import { patientRecord } from "@/lib/ward-list/patient-record";

export const metadata: Metadata = { title: "Print patient summary" };

const route = declareRoute("patients:read");

/**
 * The paper fallback for one patient: A4 portrait, who printed it and when, how old the data is
 * (the feed's last message), and a signature line. Every printed page carries the patient's name,
 * two identifiers and place, who printed it, the feed's age and "Page n of N" in its margins
 * (components/print/print-page-marks.tsx); the identifiers also at its foot.
 */
export default async function PrintPatientPage({ params }: { params: Promise<{ stayId: string }> }) {
  const principal = await pagePrincipal(route);
  const { db } = await getAppContext();
  const now = new Date();
  // A patient elsewhere (audited by the scope check), gone, or a made-up id: a refusal page.
  const record = await patientRecord(db, principal, (await params).stayId, now, "print").catch(refusePage);
  const feeds = await readFeedAges(db, getConfig().feedSilenceMinutes);
  const identifiers = `${displayName(record.patient)} · NHS ${nhsNumberText(record.patient.nhsNumber)} · MRN ${record.patient.mrn}`;
  const dataAsOf = dataAsOfText(feedFor(feeds, record.facilityCode), now);
  return (
    <div className="print-portrait space-y-3">
      <PrintPageMarks
        page="patient-summary"
        topLeft={`${identifiers}\n${record.wardName ?? "No ward"}, ${placeText(record)}`}
        topRight={`Printed ${dateText(now)} ${timeText(now)}\nby ${principal.displayName}`}
        bottomLeft={`${dataAsOf}\nCONFIDENTIAL: shred after use`}
      />
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-black pb-1">
        <p className="text-sm">
          Patient summary · printed {dateText(now)} {timeText(now)} by {principal.displayName} · {dataAsOf} ·
          CONFIDENTIAL: shred after use
        </p>
        <PrintButton />
      </div>
      <FeedSilenceBanner feeds={feeds} facilityCode={record.facilityCode} now={now} subject="this summary" />
      <PatientDetails record={record} online={false} printed />
      <SignatureLine printedBy={principal.displayName} />
      {/* position: fixed repeats on every printed page in Chromium: a loose sheet names its patient. */}
      <p className="print-footer hidden text-xs">{identifiers}</p>
    </div>
  );
}
