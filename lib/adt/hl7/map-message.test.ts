/**
 * The HL7 v2 mapper against every ADT-bearing message in the third-party corpus
 * (test/fixtures/hl7v2, sources in its SOURCES.md), plus the refusals it must give.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitBatch } from "@/lib/hl7/batch";
import { parseHl7 } from "@/lib/hl7/parse";
import { type Hl7MappingOptions, mapHl7Message } from "./map-message";

const options: Hl7MappingOptions = { timeZone: "Europe/London", facilityCodes: ["RXD01"] };
const fixture = (file: string) => readFileSync(`test/fixtures/hl7v2/${file}`, "utf8");
const map = (text: string, opts = options) => mapHl7Message(parseHl7(text), opts);
function mapped(file: string) {
  const result = map(fixture(file));
  if (result.outcome !== "mapped") throw new Error(`${file}: ${JSON.stringify(result)}`);
  return result.events;
}

describe("mapHl7Message on the corpus", () => {
  const cases: [string, string, string, string | undefined, string | undefined][] = [
    // file, kind, mrn, visit, ward
    ["hapi-hl7v2/ADT_A01.txt", "admit", "2216506", "211004554", "ZFAST TRACK"],
    ["hapi-hl7v2/adt_a03.txt", "discharge", "5520255", "2008003369", "6402DH"],
    ["microsoft-fhir-converter/ADT-A01-01.hl7", "admit", "PATID1234", "40007716", "HUH AE OMU"],
    ["microsoft-fhir-converter/ADT-A02-01.hl7", "transfer", "PATID1234", "40007716", "HUH AE OMU"],
    ["microsoft-fhir-converter/ADT-A03-01.hl7", "discharge", "PATID1234", "40007716", "HUH AE OMU"],
    ["microsoft-fhir-converter/ADT-A04-01.hl7", "register", "PATID1234", "40007716", "HUH AE OMU"],
    ["microsoft-fhir-converter/ADT-A05-01.hl7", "pre-admit", "PATID1234", "40007716", "HUH AE OMU"],
    ["microsoft-fhir-converter/ADT-A08-01.hl7", "update", "PATID1234", "40007716", "HUH AE OMU"],
    ["microsoft-fhir-converter/ADT-A11-02.hl7", "cancel-admit", "PATID1234", "40007716", "HUH AE OMU"],
    ["microsoft-fhir-converter/ADT-A13-01.hl7", "cancel-discharge", "PATID1234", "40007716", "HUH AE OMU"],
    ["nhse-itk/A01_example.txt", "admit", "3333333333", "2139", "RCB"],
    ["nhse-itk/A03_example.txt", "discharge", "3333333333", "YOR123456", "RCB"],
    ["nhse-itk/A04_example.txt", "register", "3333333333", "2141", "West Wing"],
    ["nhse-itk/A05_Example.txt", "pre-admit", "3333333333", "4532", "RCB"],
    ["nhse-itk/A08_example.txt", "update", "3333333333", "2140", "East Wing"],
    ["nhse-itk/A28_Example.txt", "person-add", "3333333333", undefined, undefined],
    ["nhse-itk/A31_example.txt", "person-update", "3333333333", undefined, undefined],
    ["npm/hl7-standard__message.hl7", "admit", "4019060", "6090648", "LDR"],
    ["npm/hl7__sample2.txt", "register", "454721", "2688684", "168"],
    ["npm/simple-hl7__adt.hl7", "register", "454721", "2688684", "168"],
    ["malformed/linuxforhealth__sample_unix.hl7", "admit", "PID1234", "48390", "yyy"],
    ["malformed/linuxforhealth__sample_win.hl7", "admit", "PID1234", "48390", "yyy"],
    ["malformed/microsoft__ADT01-23_utf8-bom_trailing-spaces.hl7", "admit", "10006579", "40007716", "PREOP"],
  ];
  for (const [file, kind, mrn, visit, ward] of cases) {
    it(`${file} → ${kind}`, () => {
      const [event] = mapped(file);
      expect(event!.kind).toBe(kind);
      expect(event!.facilityCode).toBe("RXD01");
      expect(event!.patient.mrn).toBe(mrn);
      expect(event!.visit?.visitNumber).toBe(visit);
      expect(event!.visit?.location?.ward).toBe(ward);
    });
  }

  it("reads the NHS England ITK admission in full", () => {
    const [event] = mapped("nhse-itk/A01_example.txt");
    expect(event).toMatchObject({
      trigger: "A01",
      eventAt: new Date("2010-10-10T13:00:00Z"), // EVN-6 201010101400 London summer time
      patient: {
        mrn: "3333333333",
        nhsNumber: "3333333333",
        demographics: {
          familyName: "Smith",
          givenNames: "Fredrica J",
          title: "Mrs",
          birthDate: "1965-12-13",
          sex: "female",
        },
      },
      visit: {
        patientClass: "I",
        location: { ward: "RCB", room: "OBS1", bed: "BAY2-6" },
        consultant: "Dr Samuel Darwin",
        specialty: "300",
        admittedAt: new Date("2010-10-20T16:16:00Z"),
      },
    });
    expect(event!.patient.demographics.gp).toBe("Dr Gregory Townley");
    expect(event!.patient.demographics.nextOfKin).toEqual([
      { name: "Mr Albert J Smith", relationship: "1", phone: "+441234567890" },
    ]);
  });

  it("merges: the ITK A40 names the prior local id and visit, the FHIR converter's carries two pairs", () => {
    expect(mapped("nhse-itk/A40_Example.txt")[0]!.mergedFrom).toEqual({ mrn: "22789", visitNumber: "44455" });
    const pairs = mapped("microsoft-fhir-converter/ADT-A40-02.hl7");
    expect(pairs.map((event) => [event.patient.mrn, event.mergedFrom?.mrn])).toEqual([
      ["12345", "56789"],
      ["145", "569"],
    ]);
  });

  it("takes MSH-9 over a disagreeing EVN-1", () => {
    // Every rich Microsoft sample says EVN-1 = A01 whatever MSH-9 says.
    expect(mapped("microsoft-fhir-converter/ADT-A03-01.hl7")[0]!.trigger).toBe("A03");
  });

  it("refuses what cannot be a census event, naming the field", () => {
    expect(map(fixture("malformed/hl7__sample6.txt"))).toMatchObject({
      outcome: "rejected",
      issues: [{ location: "MSH-9", code: "101" }],
    });
    expect(map(fixture("microsoft-fhir-converter/ADT04-251.hl7"))).toMatchObject({
      issues: [{ location: "PV1-19" }],
    });
    expect(map(fixture("npm/nodehl7__ADTA01.adm"))).toMatchObject({ issues: [{ location: "PV1-19" }] });
    const [admitWithoutPv1] = splitBatch(fixture("npm/hl7-standard__batch.hl7"));
    expect(map(admitWithoutPv1!)).toMatchObject({ issues: [{ location: "PV1", code: "101" }] });
  });

  it("acknowledges traffic Downtime does not use (ORU, BAR, ACK…) as not used, never AR", () => {
    const others = [
      fixture("malformed/hl7-standard__input.hl7"),
      splitBatch(fixture("npm/hl7-standard__batch.hl7"))[1]!,
      ...splitBatch(fixture("malformed/hapi__messages.txt")),
    ];
    for (const message of others) {
      const mapping = map(message);
      expect(mapping).toMatchObject({ outcome: "ignored", reason: "not-used" });
      expect(mapping.outcome === "ignored" && mapping.note).toMatch(
        /^[A-Z]{3}(\^\w+)? is not used by Downtime/,
      );
    }
    for (const type of ["ORM^O01", "SIU^S12", "DFT^P03", "MFN^M02"]) {
      expect(map(base.replace("ADT^A01^ADT_A01", type))).toEqual({
        outcome: "ignored",
        reason: "not-used",
        note: `${type} is not used by Downtime; acknowledged and not stored`,
      });
    }
  });

  it("answers pending and cancel-pending triggers with a note and no event (HL7 v2.5 ch. 3.3)", () => {
    for (const trigger of ["A14", "A15", "A16", "A25", "A26", "A27", "A32", "A33"]) {
      const mapping = map(
        base.replace("ADT^A01^ADT_A01", `ADT^${trigger}^ADT_A01`).replace("EVN|A01", `EVN|${trigger}`),
      );
      expect(mapping, trigger).toMatchObject({ outcome: "ignored", reason: "not-census" });
      expect(mapping.outcome === "ignored" && mapping.note, trigger).toMatch(
        /changes nothing until it happens/,
      );
    }
  });
});

const base = [
  "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101500||ADT^A01^ADT_A01|CTRL1|P|2.4",
  "EVN|A01|20261120101000",
  "PID|1||RXD0000001^^^RXD01^MR~9434765919^^^NHS^NH||JONES^ALED^^^MR||19450302|M",
  "PV1|1|I|OAK^BAY1^B03^RXD01||||C123^OKAFOR^ADA^^^DR||||||||||||V0001|||||||||||||||||||||||||20261120100000",
].join("\r");

describe("mapHl7Message rules", () => {
  it("maps a well-formed UK admission", () => {
    const result = map(base);
    expect(result).toMatchObject({
      outcome: "mapped",
      events: [
        {
          kind: "admit",
          eventAt: new Date("2026-11-20T10:10:00Z"), // GMT in November
          patient: {
            mrn: "RXD0000001",
            nhsNumber: "9434765919",
            demographics: { familyName: "Jones", givenNames: "Aled", sex: "male" },
          },
          visit: {
            visitNumber: "V0001",
            location: { ward: "OAK", room: "BAY1", bed: "B03" },
            consultant: "Dr Ada Okafor",
          },
        },
      ],
    });
  });

  it("drops an NHS number that fails its check digit when there is an MRN, and refuses it when there is not", () => {
    const bad = base.replace("9434765919", "9434765918");
    const mapping = map(bad);
    expect(mapping).toMatchObject({
      outcome: "mapped",
      events: [{ patient: { mrn: "RXD0000001" } }],
      warnings: [{ location: "PID-3[2]", code: "102" }],
    });
    expect(mapping.outcome === "mapped" && mapping.events[0]!.patient).not.toHaveProperty("nhsNumber");
    expect(map(bad.replace("RXD0000001^^^RXD01^MR~", ""))).toMatchObject({
      outcome: "rejected",
      issues: [{ location: "PID-3[1]", code: "102" }],
    });
  });

  it("refuses a missing family name and visit number; drops a bad admit time with a warning", () => {
    expect(map(base.replace("JONES^ALED", "^ALED"))).toMatchObject({ issues: [{ location: "PID-5" }] });
    expect(map(base.replace("||V0001|", "|||"))).toMatchObject({ issues: [{ location: "PV1-19" }] });
    expect(map(base.replace("20261120100000", "2026132510"))).toMatchObject({
      outcome: "mapped",
      warnings: [{ location: "PV1-44", code: "102" }],
    });
  });

  it("acknowledges and ignores an ADT trigger outside the census", () => {
    expect(map(base.replace("ADT^A01^ADT_A01", "ADT^A60^ADT_A60"))).toMatchObject({
      outcome: "ignored",
      reason: "not-census",
      note: "ADT^A60 is not a census event; acknowledged and not stored",
    });
  });

  it("routes by PV1-3.4 among the sender's sites and refuses a site outside its scope", () => {
    const twoSites = { ...options, facilityCodes: ["RXD01", "RXD02"] };
    const second = base.replace("OAK^BAY1^B03^RXD01", "OAK^BAY1^B03^RXD02");
    expect(map(second, twoSites)).toMatchObject({ events: [{ facilityCode: "RXD02" }] });
    expect(map(base.replace(/RXD01/g, "ZZZ99"), twoSites)).toMatchObject({
      issues: [{ location: "PV1-3.4", code: "103" }],
    });
  });

  it("names the sites it passed over when filing under the sender's only site (PV1-3.4, then MSH-4)", () => {
    expect(map(base)).not.toHaveProperty("otherSitesNamed");
    // PV1-3.4 outranks MSH-4: a location at another site is reported even when MSH-4 is ours.
    expect(map(base.replace("OAK^BAY1^B03^RXD01", "OAK^BAY1^B03^RXD02"))).toMatchObject({
      events: [{ facilityCode: "RXD01" }],
      otherSitesNamed: [{ code: "RXD02", field: "PV1-3.4" }],
    });
    // A system name in MSH-4 with no PV1-3.4: filed under the sender's site, the name reported.
    const systemName = base
      .replace("|PAS|RXD01|", "|PAS|EPRHOST|")
      .replace("OAK^BAY1^B03^RXD01", "OAK^BAY1^B03");
    expect(map(systemName)).toMatchObject({
      events: [{ facilityCode: "RXD01" }],
      otherSitesNamed: [{ code: "EPRHOST", field: "MSH-4" }],
    });
  });

  it("unescapes names and honours BST for times without an offset", () => {
    const summer = base.replace("20261120101000", "20260701101000").replace("JONES^ALED", "O\\S\\NEIL^ALED");
    const result = map(summer);
    expect(result).toMatchObject({ events: [{ eventAt: new Date("2026-07-01T09:10:00Z") }] });
    expect(result.outcome === "mapped" && result.events[0]!.patient.demographics.familyName).toBe("O^neil");
  });
});
