import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/adt/nhs-number";
import type { Identifier } from "./datatypes";
import { error, type MapResult, type OutcomeIssue, resultOf } from "./operation-outcome";
import { conceptHasCode, isCurrentIdentifier } from "./read-datatypes";

/**
 * Which Patient.identifier is the MRN and which the NHS number.
 *
 * NHS number: system https://fhir.nhs.uk/Id/nhs-number (UK Core; the CareConnect STU3 system
 * http://fhir.nhs.net/Id/nhs-number is accepted too). It must pass the modulus 11 check, else the
 * resource is refused at Patient.identifier[n].value: a wrong NHS number on a ward list is a patient
 * safety hazard, not a detail.
 *
 * MRN (the PAS number the census keys a patient on), first match wins:
 *   1. an identifier whose system is one of the facility's configured PAS systems (`mrnSystems`), as a
 *      bundle may carry MR numbers from several organisations and only ours is the key;
 *   2. one typed MR (Identifier.type, v2 table 0203 "Medical record number");
 *   3. the first other identifier that is not an NHS number (many PAS feeds leave type out);
 *   4. the NHS number itself: PDS-style resources carry nothing else, and it is a national key. The
 *      cost is a second census record if the same patient later arrives keyed on a PAS number.
 * Identifiers with use "old" are ignored. Diagnostics never contain the values.
 */

export const NHS_NUMBER_SYSTEMS: readonly string[] = [
  "https://fhir.nhs.uk/Id/nhs-number",
  "http://fhir.nhs.net/Id/nhs-number",
];
export const IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

export interface PatientIdentifierOptions {
  /** Identifier.system values of the facility's PAS (e.g. "https://fhir.example-trust.nhs.uk/Id/mrn"). */
  mrnSystems?: readonly string[];
}

export interface PatientKeys {
  mrn: string;
  nhsNumber?: string;
}

/** `listPath` names the identifier list ("Patient.identifier"); entries are `${listPath}[n]`. */
export function patientKeys(
  identifiers: readonly Identifier[] | undefined,
  options: PatientIdentifierOptions,
  listPath = "Patient.identifier",
): MapResult<PatientKeys> {
  const issues: OutcomeIssue[] = [];
  const current = (identifiers ?? [])
    .map((id, index) => ({ id, index }))
    .filter(({ id }) => isCurrentIdentifier(id));
  const isNhs = (id: Identifier) => id.system !== undefined && NHS_NUMBER_SYSTEMS.includes(id.system);

  let nhsNumber: string | undefined;
  for (const { id, index } of current.filter(({ id }) => isNhs(id))) {
    const digits = normaliseNhsNumber(id.value ?? "");
    if (digits && isValidNhsNumber(digits)) nhsNumber ??= digits;
    else {
      issues.push(
        error(
          "value",
          "Not a valid NHS number (10 digits, modulus 11 check digit)",
          `${listPath}[${index}].value`,
        ),
      );
    }
  }

  const local = current.map(({ id }) => id).filter((id) => !isNhs(id));
  const chosen =
    local.find((id) => id.system !== undefined && options.mrnSystems?.includes(id.system)) ??
    local.find((id) => conceptHasCode(id.type, ["MR"], IDENTIFIER_TYPE_SYSTEM)) ??
    local[0];
  const mrn = chosen?.value?.trim() ?? nhsNumber;
  if (mrn === undefined && !issues.length) {
    issues.push(
      error("required", "No patient identifier: send the PAS number (type MR) or the NHS number", listPath),
    );
  }
  return resultOf(mrn === undefined ? undefined : { mrn, ...(nhsNumber ? { nhsNumber } : {}) }, issues);
}
