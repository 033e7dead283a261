/**
 * What each publishable field is, in the words the console shows an admin (pure; the console's
 * publishing form and its preview use it). The fields themselves and the filter are in
 * lib/adt/events.ts (`optionalFieldNames`) and publishing.ts.
 */
import type { OptionalField } from "@/lib/adt/events";

export interface PublishableField {
  field: OptionalField;
  label: string;
  /** One or two plain sentences: what it is and where staff see it. */
  explanation: string;
}

export const publishableFields: readonly PublishableField[] = [
  {
    field: "alerts",
    label: "Alerts",
    explanation:
      "Clinical alerts from the EPR (falls risk, DNACPR, infection control; ZAL segments). Shown as flags on the ward list row and on the patient page.",
  },
  {
    field: "allergies",
    label: "Allergies",
    explanation:
      'Allergies and their severity (HL7 AL1, FHIR AllergyIntolerance), or that none are known. The ward list row and the patient page list them; unticked, every screen says "Allergies not published".',
  },
  {
    field: "consultant",
    label: "Consultant",
    explanation:
      "The consultant responsible for the stay (PV1-7). Shown on the ward list row and patient page.",
  },
  {
    field: "gp",
    label: "GP",
    explanation:
      "The patient's registered GP (PD1-4, else the practice in PD1-3). Shown on the patient page.",
  },
  {
    field: "nextOfKin",
    label: "Next of kin",
    explanation: "Names, relationship and phone numbers of the next of kin (NK1). Shown on the patient page.",
  },
  {
    field: "address",
    label: "Home address",
    explanation: "The patient's home address (PID-11). Shown on the patient page.",
  },
  {
    field: "phone",
    label: "Phone number",
    explanation: "The patient's own phone number (PID-13). Shown on the patient page.",
  },
  {
    field: "religion",
    label: "Religion",
    explanation: "Religion as recorded in the EPR (PID-17), for chaplaincy and end-of-life care.",
  },
  {
    field: "language",
    label: "Preferred language",
    explanation: "The patient's preferred language (PID-15), so staff can book an interpreter.",
  },
];

/** Always stored and shown, whatever the policy: who the patient is and where. */
export const alwaysPublished =
  "Name, MRN, NHS number, date of birth, sex, ward and bed are always kept: staff cannot identify a patient without them.";
