/**
 * The seed corpus of the ingest fuzz: every HL7 v2 and FHIR fixture of the project (real
 * third-party messages, test/fixtures/*, sources in their SOURCES.md), plus messages of the
 * demo site's own shape (RXD01, ward ALD101) so that mutations also reach the census apply path
 * rather than stopping at an unknown site or ward.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface FuzzCorpus {
  hl7: string[];
  fhir: unknown[];
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return files(full);
      return entry === "SOURCES.md" ? [] : [full];
    });
}

const siteMessages = [
  [
    "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101000||ADT^A01^ADT_A01|BASE-1|P|2.4",
    "EVN|A01|20261120101000",
    "PID|1||RXD0000001^^^RXD01^MR~9434765919^^^NHS^NH||JONES^ALED^^^MR||19450302|M",
    "PV1|1|I|ALD101^BAY1^B03^RXD01||||C1234^Evans^Ann|||GEN||||||||V0001|||||||||||||||||||||||||20261120101000",
    "AL1|1|DA|PENICILLIN",
  ],
  [
    "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120111000||ADT^A02^ADT_A02|BASE-2|P|2.4",
    "EVN|A02|20261120111000",
    "PID|1||RXD0000001^^^RXD01^MR||JONES^ALED||19450302|M",
    "PV1|1|I|ALD102^BAY2^B01^RXD01||||||||||||||||V0001",
  ],
  [
    "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261121091000||ADT^A03^ADT_A03|BASE-3|P|2.5",
    "EVN|A03|20261121091000",
    "PID|1||RXD0000002^^^RXD01^MR||PRICE^MAIR||19800101|F",
    "PV1|1|I|ALD101^BAY1^B04^RXD01||||||||||||||||V0002|||||||||||||||||||||||||20261120080000|20261121090000",
  ],
  [
    "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261121101000||ADT^A40^ADT_A39|BASE-4|P|2.4",
    "EVN|A40|20261121101000",
    "PID|1||RXD0000001^^^RXD01^MR||JONES^ALED||19450302|M",
    "MRG|RXD0000002^^^RXD01^MR",
  ],
].map((segments) => segments.join("\r"));

const siteResources: unknown[] = [
  {
    resourceType: "Patient",
    id: "base-patient",
    identifier: [
      { system: "https://fhir.nhs.uk/Id/nhs-number", value: "9434765919" },
      { system: "urn:oid:RXD01", value: "RXD0000003" },
    ],
    name: [{ family: "Testpatient", given: ["Alex"] }],
    birthDate: "1970-01-01",
    gender: "female",
  },
  {
    resourceType: "Encounter",
    id: "base-encounter",
    status: "in-progress",
    class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "IMP" },
    subject: { reference: "Patient/base-patient" },
    identifier: [{ value: "V0003" }],
    location: [{ location: { identifier: { value: "ALD101" }, display: "Alder" } }],
    period: { start: "2026-11-20T10:00:00Z" },
  },
];

/** `root` is the project folder (the fixtures are under test/fixtures). */
export function loadFuzzCorpus(root = process.cwd()): FuzzCorpus {
  const fixtures = path.join(root, "test", "fixtures");
  const hl7 = files(path.join(fixtures, "hl7v2")).map((file) => readFileSync(file, "utf8"));
  const fhir = files(path.join(fixtures, "fhir")).map((file) => JSON.parse(readFileSync(file, "utf8")));
  return { hl7: [...siteMessages, ...hl7], fhir: [...siteResources, ...fhir] };
}
