/**
 * Writes a demo item as an HL7 v2.4 ADT message in ER7 form, segments ended by CR (chapter 2),
 * the standard delimiters |^~\&, and every text value escaped (escape.ts, chapter 2.7), so a
 * name such as "Smith&Jones" survives. Layout, as lib/adt/hl7/map-*.ts read it back:
 *   MSH  -7 event time, -9 ADT^<trigger>^<structure> (adt-structures.ts), -10 control id, -11 P,
 *        -12 2.4, -18 UNICODE UTF-8
 *   EVN  -1 trigger, -2 recorded and -6 occurred: the event time
 *   PID  -3 <mrn>^^^<site>^MR~<nhs>^^^NHS^NH, -5 family^given^further given^^title, -7 birth date,
 *        -8 sex (table 0001), -11 street^^town^^postcode^GBR^H, -13 phone^PRN^CP
 *   PD1  -3 GP practice (XON organisation name)
 *   MRG  (A40) -1 prior MRN, -5 prior visit number
 *   PV1  -2 class, -3 ward^room^bed^site, -6 prior location, -7/-9 consultant (XCN), -10 specialty,
 *        -19 visit number, -44 admitted, -45 discharged. Person-only events get PV1-2 N (not
 *        applicable) and just the site in PV1-3.4, so the site is known without a visit.
 *   AL1  (ADT_A01/A05) -2 type (table 0127), -3 ^allergen, -4 severity (table 0128), -5 reaction
 *   ZAL  (ADT_A01/A05) our alert Z-segment: ZAL-1 set id, ZAL-2 alert text, one per alert. HL7 has
 *        no standard alert segment; Z-segments are the chapter 2 way to add local data.
 */
import type { AdtEvent, Location } from "@/lib/adt/events";
import { formatHl7Timestamp } from "@/lib/hl7/datetime";
import { STANDARD_ENCODING } from "@/lib/hl7/encoding";
import { escapeHl7 } from "@/lib/hl7/escape";
import { splitAddress } from "./address-parts";
import type { DemoAdtItem } from "./adt-scenario";
import { carriesClinicalFlags, messageStructures } from "./adt-structures";
import { allergenType, severityCodes } from "./clinical-flags";
import { fnv1a } from "./distributions";

export interface Hl7WriterOptions {
  /** MSH-3 */
  sendingApplication?: string;
  /** MSH-4; defaults to the event's site, which the ingest mapper falls back to. */
  sendingFacility?: string;
}

const esc = (text: string | undefined) => (text ? escapeHl7(text, STANDARD_ENCODING) : "");
/** Joins already-escaped components, dropping trailing empty ones. */
const components = (...parts: string[]) => parts.join("^").replace(/\^+$/, "");
const segment = (name: string, fields: string[]) => [name, ...fields].join("|").replace(/\|+$/, "");
const sexCodes = { male: "M", female: "F", other: "O", unknown: "U" } as const;
const titles = new Set(["Dr", "Mr", "Mrs", "Ms", "Miss", "Prof"]);

/** XCN from "Dr A Okafor": id (a stable invented GMC-style number), family, given, prefix. */
function consultantXcn(name: string | undefined): string {
  if (!name) return "";
  const words = name.split(" ");
  const prefix = words.length > 1 && titles.has(words[0]!) ? words.shift()! : "";
  const family = words.pop() ?? "";
  const code = `C${1_000_000 + (fnv1a(name) % 9_000_000)}`;
  return components(code, esc(family), esc(words.join(" ")), "", "", esc(prefix));
}

function placeOf(location: Location | undefined, facility: string): string {
  if (!location) return "";
  return components(esc(location.ward), esc(location.room), esc(location.bed), esc(facility));
}

/** XAD: street^^town^^postcode^GBR^H (H home, table 0190). */
function addressXad(address: string | undefined): string {
  if (!address) return "";
  const { street, town, postcode } = splitAddress(address);
  return components(esc(street), "", esc(town), "", esc(postcode), postcode ? "GBR" : "", "H");
}

function patientSegments(event: AdtEvent): string[] {
  const { patient, facilityCode } = event;
  const d = patient.demographics;
  const ids = [components(esc(patient.mrn), "", "", esc(facilityCode), "MR")];
  if (patient.nhsNumber) ids.push(components(esc(patient.nhsNumber), "", "", "NHS", "NH"));
  const [given = "", ...further] = (d.givenNames ?? "").split(" ");
  const pid = segment("PID", [
    "1",
    "",
    ids.join("~"),
    "",
    components(esc(d.familyName), esc(given), esc(further.join(" ")), "", esc(d.title)),
    "",
    d.birthDate?.replaceAll("-", "") ?? "",
    d.sex ? sexCodes[d.sex] : "",
    "",
    "",
    addressXad(d.address),
    "",
    d.phone ? components(esc(d.phone), "PRN", "CP") : "",
  ]);
  return d.gp ? [pid, segment("PD1", ["", "", esc(d.gp)])] : [pid];
}

function visitSegment(event: AdtEvent): string {
  const visit = event.visit;
  if (!visit) return segment("PV1", ["1", "N", components("", "", "", esc(event.facilityCode))]);
  const fields = Array.from({ length: 45 }, () => "");
  const set = (n: number, value: string) => {
    fields[n - 1] = value;
  };
  set(1, "1");
  set(2, esc(visit.patientClass));
  set(3, placeOf(visit.location, event.facilityCode));
  set(6, placeOf(visit.priorLocation, event.facilityCode));
  set(7, consultantXcn(visit.consultant));
  set(9, consultantXcn(visit.consultant));
  set(10, esc(visit.specialty));
  set(19, components(esc(visit.visitNumber), "", "", esc(event.facilityCode), "VN"));
  if (visit.admittedAt) set(44, formatHl7Timestamp(visit.admittedAt));
  if (visit.dischargedAt) set(45, formatHl7Timestamp(visit.dischargedAt));
  return segment("PV1", fields);
}

function flagSegments(event: AdtEvent): string[] {
  if (!carriesClinicalFlags(event.kind)) return [];
  const { allergies = [], alerts = [] } = event.patient.demographics;
  const al1 = allergies.map((allergy, index) => {
    const [allergen = "", reaction = ""] = allergy.text.split(" – ");
    const severity = allergy.severity ?? "";
    const code = severityCodes[severity];
    return segment("AL1", [
      String(index + 1),
      allergenType(allergen),
      components("", esc(allergen)),
      code ?? components("", esc(severity)),
      esc(reaction),
    ]);
  });
  return [...al1, ...alerts.map((alert, index) => segment("ZAL", [String(index + 1), esc(alert)]))];
}

export function toHl7Message(item: DemoAdtItem, options: Hl7WriterOptions = {}): string {
  const { event, controlId } = item;
  const time = formatHl7Timestamp(event.eventAt);
  const msh = segment("MSH", [
    "^~\\&",
    esc(options.sendingApplication ?? "DEMO-PAS"),
    esc(options.sendingFacility ?? event.facilityCode),
    "DOWNTIME",
    "",
    time,
    "",
    components("ADT", event.trigger, messageStructures[event.kind]),
    esc(controlId),
    "P",
    "2.4",
    ...Array.from({ length: 4 }, () => ""),
    "GBR",
    "UNICODE UTF-8",
  ]);
  const evn = segment("EVN", [event.trigger, time, "", "", "", time]);
  const merge = event.mergedFrom
    ? [
        segment("MRG", [
          components(esc(event.mergedFrom.mrn), "", "", esc(event.facilityCode), "MR"),
          "",
          "",
          "",
          event.mergedFrom.visitNumber
            ? components(esc(event.mergedFrom.visitNumber), "", "", esc(event.facilityCode), "VN")
            : "",
        ]),
      ]
    : [];
  const segments = [
    msh,
    evn,
    ...patientSegments(event),
    ...merge,
    visitSegment(event),
    ...flagSegments(event),
  ];
  return `${segments.join("\r")}\r`;
}
