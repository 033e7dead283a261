import { isValidNhsNumber, normaliseNhsNumber } from "@/lib/adt/nhs-number";
import type { Identifier } from "./datatypes";
import { error, type MapResult, type OutcomeIssue, resultOf } from "./operation-outcome";
import {
  isNhsNumberSystem,
  type MrnSystemOptions,
  mrnOf,
  mrnSystemRank,
  NHS_NUMBER_SYSTEM,
} from "./patient-mrn";
import { conceptHasCode, isCurrentIdentifier } from "./read-datatypes";

/**
 * Which Patient.identifier is the MRN and which the NHS number. The chosen identifier becomes the
 * census MRN string by the rule in patient-mrn.ts, so a value in another system is another patient.
 *
 * NHS number: system https://fhir.nhs.uk/Id/nhs-number (UK Core; the CareConnect STU3 system
 * http://fhir.nhs.net/Id/nhs-number is accepted too). It must pass the modulus 11 check, else the
 * resource is refused at Patient.identifier[n].value: a wrong NHS number on a ward list is a patient
 * safety hazard, not a detail.
 *
 * MRN (the PAS number the census keys a patient on), first match wins:
 *   1. an identifier whose system is one of the source's MRN authorities (`mrnSystems`, in their
 *      order), as a bundle may carry MR numbers from several organisations and only ours is the key;
 *   2. one typed MR (Identifier.type, v2 table 0203 "Medical record number");
 *   3. the first other identifier that is not an NHS number (many PAS feeds leave type out);
 *   4. the NHS number itself: PDS-style resources carry nothing else, and it is a national key. The
 *      cost is a second census record if the same patient later arrives keyed on a PAS number.
 * Identifiers with use "old" are ignored. Diagnostics never contain the values.
 */

export const IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

export type PatientIdentifierOptions = MrnSystemOptions;

export interface PatientKeys {
  mrn: string;
  nhsNumber?: string;
}

const invalidNhsNumber = (path: string) =>
  error("value", "Not a valid NHS number (10 digits, modulus 11 check digit)", path);

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

  let nhsNumber: string | undefined;
  for (const { id, index } of current.filter(({ id }) => isNhsNumberSystem(id.system))) {
    const digits = normaliseNhsNumber(id.value ?? "");
    if (digits && isValidNhsNumber(digits)) nhsNumber ??= digits;
    else issues.push(invalidNhsNumber(`${listPath}[${index}].value`));
  }

  const local = current.map(({ id }) => id).filter((id) => !isNhsNumberSystem(id.system));
  const ranked = local
    .map((id) => ({ id, rank: mrnSystemRank(id.system, options) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank);
  const chosen =
    ranked[0]?.id ?? local.find((id) => conceptHasCode(id.type, ["MR"], IDENTIFIER_TYPE_SYSTEM)) ?? local[0];
  const mrn = chosen?.value
    ? mrnOf(chosen.system, chosen.value, options)
    : nhsNumber && mrnOf(NHS_NUMBER_SYSTEM, nhsNumber, options);
  if (mrn === undefined && !issues.length) {
    issues.push(
      error("required", "No patient identifier: send the PAS number (type MR) or the NHS number", listPath),
    );
  }
  return resultOf(mrn === undefined ? undefined : { mrn, ...(nhsNumber ? { nhsNumber } : {}) }, issues);
}

/**
 * The MRN string one identifier names, for finding a patient sent before (Encounter.subject.identifier,
 * Patient.link.other.identifier). `path` is the Identifier element.
 */
export function identifierMrn(
  identifier: { system?: string; value: string },
  options: PatientIdentifierOptions,
  path: string,
): MapResult<string> {
  if (!isNhsNumberSystem(identifier.system))
    return resultOf(mrnOf(identifier.system, identifier.value, options), []);
  const digits = normaliseNhsNumber(identifier.value);
  return digits && isValidNhsNumber(digits)
    ? resultOf(mrnOf(NHS_NUMBER_SYSTEM, digits, options), [])
    : resultOf<string>(undefined, [invalidNhsNumber(`${path}.value`)]);
}
