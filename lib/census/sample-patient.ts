/**
 * The console's preview patient: an invented person (not anyone's record; the NHS number is in
 * the 999 range NHS Digital reserves for testing) with every publishable field filled in, put
 * through the same filter ingest applies (`applyPublishing`) under the policy being edited, and
 * shaped as the ward list entry staff screens draw. Pure, so the form can redraw it on every
 * tick of a checkbox.
 */
import type { AdtEvent, OptionalField } from "@/lib/adt/events";
import type { CensusEntry } from "@/lib/sync/sync-types";
import { applyPublishing } from "./publishing";

const dayMs = 86_400_000;

function sampleEvent(now: Date): AdtEvent {
  return {
    kind: "admit",
    trigger: "A01",
    facilityCode: "PREVIEW",
    eventAt: new Date(now.getTime() - 3 * dayMs),
    patient: {
      mrn: "SAMPLE001",
      nhsNumber: "9990000018",
      demographics: {
        familyName: "Sample",
        givenNames: "Preview",
        title: "Ms",
        birthDate: "1952-06-14",
        sex: "female",
        alerts: ["Falls risk", "DNACPR"],
        allergies: [{ text: "Penicillin – rash", severity: "severe" }],
        nextOfKin: [{ name: "Sam Sample", relationship: "Daughter", phone: "01632 960000" }],
        address: "1 Example Street, Exampletown, ZZ99 9ZZ",
        phone: "01632 960001",
        gp: "Dr A Example",
        religion: "Church of England",
        language: "English",
      },
    },
    visit: {
      visitNumber: "SAMPLE-V1",
      location: { ward: "PREVIEW", room: "BAY1", bed: "B4" },
      consultant: "Dr Ada Okafor",
      specialty: "General medicine",
      admittedAt: new Date(now.getTime() - 3 * dayMs),
    },
  };
}

/** The sample patient as a ward list entry, with only what `fields` publishes. */
export function samplePreviewEntry(fields: readonly OptionalField[], now: Date): CensusEntry {
  const event = applyPublishing(sampleEvent(now), { fields: [...fields] });
  const { familyName, givenNames, title, birthDate, sex, ...published } = event.patient.demographics;
  const at = event.eventAt.toISOString();
  return {
    stayId: "preview",
    wardId: "preview",
    wardCode: "PREVIEW",
    wardName: "Preview ward",
    facilityCode: event.facilityCode,
    visitNumber: event.visit!.visitNumber,
    status: "admitted",
    room: event.visit!.location?.room ?? null,
    bed: event.visit!.location?.bed ?? null,
    consultant: event.visit!.consultant ?? null,
    specialty: event.visit!.specialty ?? null,
    admittedAt: at,
    lastEventAt: at,
    updatedAt: at,
    patient: {
      patientId: "preview",
      mrn: event.patient.mrn,
      nhsNumber: event.patient.nhsNumber ?? null,
      familyName,
      givenNames: givenNames ?? null,
      title: title ?? null,
      birthDate: birthDate ?? null,
      sex: sex ?? null,
      published: published as Record<string, unknown>,
    },
    history: [{ kind: "admit", at, ward: "PREVIEW", bed: "B4" }],
    documents: [],
  };
}
