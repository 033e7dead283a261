/**
 * The Patient of a demo FHIR bundle, as UK Core shapes it: the NHS number under
 * https://fhir.nhs.uk/Id/nhs-number, the PAS number typed MR (v2 table 0203) under a per-site demo
 * system, an official HumanName (prefix = title), a home address split into line/city/postalCode,
 * the phone and the GP practice (generalPractitioner.display). Allergies and alerts are separate
 * resources in R4 (AllergyIntolerance, Flag) and are not written here.
 */
import type { AdtEvent } from "@/lib/adt/events";
import { splitAddress } from "./address-parts";
import type { FhirResource } from "./fhir-types";

export const DEMO_SYSTEM = "https://demo.downtime.invalid/Id";
const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

export function patientResource(event: AdtEvent): FhirResource {
  const { patient, facilityCode, eventAt } = event;
  const d = patient.demographics;
  const address = d.address ? splitAddress(d.address) : undefined;
  return {
    resourceType: "Patient",
    meta: { lastUpdated: eventAt.toISOString() },
    identifier: [
      ...(patient.nhsNumber ? [{ system: NHS_NUMBER_SYSTEM, value: patient.nhsNumber }] : []),
      {
        use: "usual",
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
        system: `${DEMO_SYSTEM}/mrn/${facilityCode}`,
        value: patient.mrn,
      },
    ],
    name: [
      {
        use: "official",
        family: d.familyName,
        ...(d.givenNames ? { given: d.givenNames.split(" ") } : {}),
        ...(d.title ? { prefix: [d.title] } : {}),
      },
    ],
    ...(d.sex ? { gender: d.sex } : {}),
    ...(d.birthDate ? { birthDate: d.birthDate } : {}),
    ...(address
      ? {
          address: [
            {
              use: "home",
              line: [address.street],
              ...(address.town ? { city: address.town } : {}),
              ...(address.postcode ? { postalCode: address.postcode } : {}),
            },
          ],
        }
      : {}),
    ...(d.phone ? { telecom: [{ system: "phone", value: d.phone, use: "mobile" }] } : {}),
    ...(d.gp ? { generalPractitioner: [{ display: d.gp }] } : {}),
  };
}
