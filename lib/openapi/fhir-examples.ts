/**
 * Synthetic FHIR R4 examples (UK Core identifiers; NHS number from the 999 test range). The
 * transaction admits the patient of the HL7 v2 example to the same bed, so the two can be compared.
 */
import type { Example } from "./openapi-types";

const patientUrl = "urn:uuid:6f1c2a7e-3b7d-4c55-9a1e-0d6f8b2c4e11";
const mrnSystem = "https://fhir.riverside.example.nhs.uk/Id/mrn";
const physical = (code: string) => ({
  coding: [{ system: "http://terminology.hl7.org/CodeSystem/location-physical-type", code }],
});

const patient = {
  resourceType: "Patient",
  identifier: [
    { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9990158398" },
    {
      type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
      system: mrnSystem,
      value: "RXD0012345",
    },
  ],
  name: [{ use: "official", family: "Smith", given: ["Margaret", "Anne"], prefix: ["Mrs"] }],
  gender: "female",
  birthDate: "1938-06-14",
  meta: { lastUpdated: "2026-11-20T10:08:00+00:00" },
};

const encounter = {
  resourceType: "Encounter",
  identifier: [
    { use: "official", system: "https://fhir.riverside.example.nhs.uk/Id/visit", value: "V00098765" },
  ],
  status: "in-progress",
  class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "IMP", display: "inpatient" },
  serviceType: { text: "General Medicine" },
  subject: { reference: patientUrl },
  participant: [
    {
      type: [
        { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "ATND" }] },
      ],
      individual: { display: "Dr Ada Okafor" },
    },
  ],
  period: { start: "2026-11-20T10:08:00+00:00" },
  location: [
    { location: { identifier: { value: "OAK" } }, status: "active", physicalType: physical("wa") },
    { location: { identifier: { value: "B04" } }, status: "active", physicalType: physical("bd") },
  ],
  serviceProvider: { identifier: { system: "https://fhir.nhs.uk/Id/ods-site-code", value: "RXD01" } },
  meta: { lastUpdated: "2026-11-20T10:08:00+00:00" },
};

export const fhirRequestExamples: Record<string, Example> = {
  transactionAdmit: {
    summary: "Transaction Bundle: Patient + in-progress inpatient Encounter (an admission)",
    value: {
      resourceType: "Bundle",
      id: "c2b1f7d4-5e8a-4f3b-9c6d-1a2e3f4b5c6d",
      type: "transaction",
      timestamp: "2026-11-20T10:15:00+00:00",
      entry: [
        {
          fullUrl: patientUrl,
          resource: patient,
          request: { method: "PUT", url: `Patient?identifier=${mrnSystem}|RXD0012345` },
        },
        {
          fullUrl: "urn:uuid:0b9e4d3c-8a71-4f26-b5c4-7e2d1f0a9b38",
          resource: encounter,
          request: {
            method: "PUT",
            url: "Encounter?identifier=https://fhir.riverside.example.nhs.uk/Id/visit|V00098765",
          },
        },
      ],
    },
  },
};

export const fhirResponseExamples: Record<string, Example> = {
  transactionResponse: {
    summary: "transaction-response: applied (a resent Bundle answers 200 OK per entry)",
    value: {
      resourceType: "Bundle",
      type: "transaction-response",
      entry: [{ response: { status: "201 Created" } }, { response: { status: "201 Created" } }],
    },
  },
  invalidNhsNumber: {
    summary: "OperationOutcome: an NHS number failing its check digit",
    value: {
      resourceType: "OperationOutcome",
      issue: [
        {
          severity: "error",
          code: "value",
          diagnostics: "Not a valid NHS number (10 digits, modulus 11 check digit)",
          expression: ["Bundle.entry[0].resource.identifier[0].value"],
        },
      ],
    },
  },
  transient: {
    summary: "OperationOutcome: storage unavailable (503, retry)",
    value: {
      resourceType: "OperationOutcome",
      issue: [
        {
          severity: "error",
          code: "transient",
          diagnostics: "The database or document store is unavailable; retry later",
        },
      ],
    },
  },
};
