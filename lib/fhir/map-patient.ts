import type { CoreDemographics, PatientRecord, Sex } from "@/lib/adt/events";
import { parseFhirBirthDate } from "./fhir-datetime";
import { error, type MapResult, type OutcomeIssue, resultOf } from "./operation-outcome";
import { optionalDemographics } from "./patient-demographics";
import type { PatientExtras } from "./patient-extras";
import { type PatientIdentifierOptions, patientKeys } from "./patient-identifiers";
import type { FhirPatient } from "./validate";

/**
 * Patient (https://hl7.org/fhir/R4/patient.html) -> PatientRecord (lib/adt/events.ts).
 *   identifiers  see patient-identifiers.ts (MRN and validated NHS number)
 *   name         the official HumanName (use "official"), else the first: family -> familyName (text
 *                when family is absent), given -> givenNames, prefix -> title. A name is required: a
 *                census row nobody can read is refused at Patient.name.
 *   birthDate    kept only when it is a full date (YYYY-MM-DD)
 *   gender       AdministrativeGender maps one to one onto Sex
 *   extras       patient-demographics.ts; allergies and alerts from AllergyIntolerance/Flag in the same
 *                bundle (patient-extras.ts) when the caller found any
 */

export interface PatientMapOptions extends PatientIdentifierOptions {
  extras?: PatientExtras;
}

export function mapPatient(patient: FhirPatient, options: PatientMapOptions = {}): MapResult<PatientRecord> {
  const issues: OutcomeIssue[] = [];
  const keys = patientKeys(patient.identifier, options);
  issues.push(...keys.issues);
  const core = coreDemographics(patient, issues);

  const extras = options.extras;
  const record: PatientRecord | undefined =
    keys.ok && core
      ? {
          mrn: keys.value.mrn,
          ...(keys.value.nhsNumber ? { nhsNumber: keys.value.nhsNumber } : {}),
          demographics: {
            ...core,
            ...optionalDemographics(patient),
            ...(extras && extras.allergies.length > 0 ? { allergies: extras.allergies } : {}),
            ...(extras && extras.allergies.length === 0 && extras.noneKnown
              ? { allergyStatus: "none-known" as const }
              : {}),
            ...(extras && extras.alerts.length > 0 ? { alerts: extras.alerts } : {}),
          },
        }
      : undefined;
  return resultOf(record, issues);
}

function coreDemographics(patient: FhirPatient, issues: OutcomeIssue[]): CoreDemographics | undefined {
  const names = patient.name ?? [];
  const name = names.find((n) => n.use === "official") ?? names[0];
  const familyName = (name?.family ?? name?.text)?.trim();
  if (!familyName) {
    issues.push(error("required", "No family name: a census entry needs the patient's name", "Patient.name"));
    return undefined;
  }
  const givenNames = name?.given
    ?.map((g) => g.trim())
    .filter(Boolean)
    .join(" ");
  const title = name?.prefix
    ?.map((p) => p.trim())
    .filter(Boolean)
    .join(" ");
  const birthDate = parseFhirBirthDate(patient.birthDate);
  const sex: Sex | undefined = patient.gender;
  return {
    familyName,
    ...(givenNames ? { givenNames } : {}),
    ...(title ? { title } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(sex ? { sex } : {}),
  };
}
