import { AlertList } from "@/components/alerts/alert-list";
import { AllergySummary } from "@/components/alerts/allergy-summary";
import { HighRiskFlag } from "@/components/alerts/high-risk-flag";
import { isHighRiskAllergy, publishedAlerts, splitAlerts } from "@/lib/alerts/alert-risk";
import { allergyStateOf, allergyText } from "@/lib/allergies/allergy-state";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { placeText } from "@/lib/ward-list/bed-place";
import {
  ageInYears,
  birthDateText,
  dateText,
  displayName,
  nhsNumberText,
  timeText,
} from "@/lib/ward-list/format";

type Published = {
  nextOfKin?: { name: string; relationship?: string; phone?: string }[];
  gp?: string;
  address?: string;
  phone?: string;
  language?: string;
};

/** What the patient screen needs: a ward list entry, or a record seen before it has a ward. */
export type ShownPatient = Omit<CensusEntry, "wardId" | "wardCode" | "wardName"> & {
  wardName: string | null;
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 border-b border-slate-200 py-1 sm:grid-cols-[10rem_1fr]">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function DocumentList({ record, printed }: { record: ShownPatient; printed: boolean }) {
  if (record.documents.length === 0) return <p>No documents.</p>;
  return (
    <ul className="space-y-1">
      {record.documents.map((document) => (
        <li key={document.documentId}>
          {/* Opens in the app under the patient banner, online (audited by the server) or from
              the device's document copy (queued for the audit log): components/patient/document-viewer. */}
          {printed ? (
            <span>{document.title}</span>
          ) : (
            <a href={`/patients/${record.stayId}/documents/${document.documentId}`} className="underline">
              {document.title}
            </a>
          )}{" "}
          <span className="text-sm text-slate-700">
            {document.kind} · produced {dateText(document.producedAt)} {timeText(document.producedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The high-risk alerts and severe allergies, above everything else on the patient page and its
 * printout (lib/alerts/alert-risk.ts), so nobody has to find them in the details.
 */
function HighRiskSection({ published }: { published: Readonly<Record<string, unknown>> }) {
  const { high } = splitAlerts(publishedAlerts(published));
  const state = allergyStateOf(published);
  const severe = state.kind === "recorded" ? state.allergies.filter(isHighRiskAllergy) : [];
  if (high.length === 0 && severe.length === 0) return null;
  return (
    <section
      aria-labelledby="high-risk"
      className="space-y-1 rounded border-2 border-red-900 bg-red-50 p-2 print:border-[3px] print:border-black print:bg-white"
    >
      <h2 id="high-risk" className="text-lg font-bold text-red-950 print:text-black">
        High-risk alerts
      </h2>
      <ul className="flex flex-wrap gap-1">
        {high.map((alert) => (
          <li key={`alert-${alert.text}`}>
            <HighRiskFlag text={alert.text} category={alert.category} />
          </li>
        ))}
        {severe.map((allergy) => (
          <li key={`allergy-${allergyText(allergy)}`}>
            <HighRiskFlag text={`Allergy ${allergyText(allergy)}`} category="anaphylaxis" />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A patient's published details, documents and stay history; two identifiers under the name. */
export function PatientDetails({
  record,
  headingLevel = 1,
  freshness,
  printed = false,
}: {
  record: ShownPatient;
  /** Whether the server confirmed the record (documents open either way: document-viewer.tsx). */
  online?: boolean;
  headingLevel?: 1 | 2;
  /** How old the data is, shown under the identifiers. */
  freshness?: React.ReactNode;
  /** On paper, documents are listed by title (they print from the ward's document pack). */
  printed?: boolean;
}) {
  const { patient } = record;
  const published = patient.published as Published;
  const now = new Date();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <>
      <header className="space-y-1">
        <Heading className="text-2xl font-bold">{displayName(patient)}</Heading>
        <p className="text-lg">
          NHS <strong className="whitespace-nowrap">{nhsNumberText(patient.nhsNumber)}</strong> · MRN{" "}
          <strong>{patient.mrn}</strong>
        </p>
        <p>
          {record.wardName ?? "No ward"} · {placeText(record)} · {record.status}
        </p>
        {freshness}
      </header>
      <HighRiskSection published={patient.published} />
      <section aria-labelledby="details" className="space-y-2">
        <h2 id="details" className="text-xl font-semibold">
          Details
        </h2>
        <dl>
          <Row label="Born">
            {birthDateText(patient.birthDate)} ({ageInYears(patient.birthDate, now) ?? "?"} years)
          </Row>
          <Row label="Sex">{patient.sex ?? "—"}</Row>
          <Row label="Consultant">{record.consultant ?? "—"}</Row>
          <Row label="Specialty">{record.specialty ?? "—"}</Row>
          <Row label="Admitted">{dateText(record.admittedAt)}</Row>
          <Row label="Allergies">
            <AllergySummary published={patient.published} />
          </Row>
          <Row label="Alerts">
            <AlertList published={patient.published} empty="None recorded" />
          </Row>
          {published.nextOfKin?.length ? (
            <Row label="Next of kin">
              {published.nextOfKin
                .map((k) => [k.name, k.relationship, k.phone].filter(Boolean).join(", "))
                .join("; ")}
            </Row>
          ) : null}
          {published.gp ? <Row label="GP">{published.gp}</Row> : null}
          {published.address ? <Row label="Address">{published.address}</Row> : null}
          {published.phone ? <Row label="Phone">{published.phone}</Row> : null}
          {published.language ? <Row label="Language">{published.language}</Row> : null}
        </dl>
      </section>
      <section aria-labelledby="documents" className="space-y-2">
        <h2 id="documents" className="text-xl font-semibold">
          Downtime documents
        </h2>
        <DocumentList record={record} printed={printed} />
      </section>
      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-xl font-semibold">
          Stay history
        </h2>
        <ol className="space-y-1">
          {record.history.map((step) => (
            <li key={`${step.kind}-${step.at}`}>
              {dateText(step.at)} {timeText(step.at)} — {step.kind}
              {step.ward ? ` · ${step.ward}` : ""}
              {step.bed ? ` bed ${step.bed}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
