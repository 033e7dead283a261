import type { Metadata } from "next";
import Link from "next/link";
import { FreshnessBadge } from "@/components/ward-list/freshness-badge";
import { declareRoute } from "@/lib/access/authorize";
import { getAppContext } from "@/lib/server/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import {
  ageInYears,
  birthDateText,
  dateText,
  displayName,
  nhsNumberText,
  timeText,
} from "@/lib/ward-list/format";
import { patientRecord } from "@/lib/ward-list/patient-record";

export const metadata: Metadata = { title: "Patient" };

const route = declareRoute("patients:read");

type Published = {
  alerts?: string[];
  allergies?: { text: string; severity?: string }[];
  nextOfKin?: { name: string; relationship?: string; phone?: string }[];
  gp?: string;
  address?: string;
  phone?: string;
  language?: string;
  religion?: string;
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 border-b border-slate-200 py-1">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default async function PatientPage({ params }: { params: Promise<{ stayId: string }> }) {
  const principal = await pagePrincipal(route);
  const { db } = await getAppContext();
  const now = new Date();
  const record = await patientRecord(db, principal, (await params).stayId, now);
  const patient = record.patient;
  const published = patient.published as Published;
  return (
    <article className="space-y-4">
      {record.access === "break-glass" ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 font-semibold text-red-900">
          Break-glass access: this patient is outside your wards. Your access is recorded for information
          governance.
        </p>
      ) : null}
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{displayName(patient)}</h1>
        <p className="text-lg">
          NHS <strong>{nhsNumberText(patient.nhsNumber)}</strong> · MRN <strong>{patient.mrn}</strong>
        </p>
        <p>
          {record.wardName ?? "No ward"} · bed {record.bed ?? "—"} · {record.status}
        </p>
        <FreshnessBadge asOf={now.toISOString()} />
      </header>
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
            {published.allergies?.length
              ? published.allergies.map((a) => `${a.text}${a.severity ? ` (${a.severity})` : ""}`).join("; ")
              : "None recorded"}
          </Row>
          <Row label="Alerts">{published.alerts?.length ? published.alerts.join("; ") : "None recorded"}</Row>
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
        {record.documents.length === 0 ? (
          <p>No documents.</p>
        ) : (
          <ul className="space-y-1">
            {record.documents.map((document) => (
              <li key={document.documentId}>
                <a
                  href={`/api/documents/${document.documentId}`}
                  target="_blank"
                  rel="noopener"
                  className="underline"
                >
                  {document.title}
                </a>{" "}
                <span className="text-sm text-slate-700">
                  {document.kind} · produced {dateText(document.producedAt)} {timeText(document.producedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
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
      {record.wardId ? (
        <Link href={`/wards/${record.wardId}`} className="underline">
          Back to {record.wardName}
        </Link>
      ) : null}
    </article>
  );
}
