/**
 * Whose document this is, above it, always (the "wrong patient" hazard): name, NHS number, MRN,
 * date of birth, ward and bed, in a fixed strip that scrolls with nothing.
 */
import { birthDateText, displayName, nhsNumberText } from "@/lib/ward-list/format";
import type { ShownPatient } from "./patient-details";

export function PatientBanner({ record }: { record: ShownPatient }) {
  const { patient } = record;
  return (
    <section
      aria-label="Patient"
      className="sticky top-0 z-10 rounded border-2 border-slate-900 bg-white px-3 py-2"
    >
      <p className="text-lg font-bold">{displayName(patient)}</p>
      <p className="flex flex-wrap gap-x-4 text-sm">
        <span className="whitespace-nowrap">
          NHS <strong>{nhsNumberText(patient.nhsNumber)}</strong>
        </span>
        <span className="whitespace-nowrap">
          MRN <strong>{patient.mrn}</strong>
        </span>
        <span className="whitespace-nowrap">
          Born <strong>{birthDateText(patient.birthDate)}</strong>
        </span>
        <span className="whitespace-nowrap">
          {record.wardName ?? "No ward"} · bed <strong>{record.bed ?? "—"}</strong>
        </span>
      </p>
    </section>
  );
}
