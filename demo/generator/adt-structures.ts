/**
 * HL7 v2.4 ADT message structures (MSH-9.3) per event kind, from the v2.4 chapter 3 trigger
 * definitions: several triggers share one structure (A01, A04, A08 and A13 are all ADT_A01).
 * Only ADT_A01 and ADT_A05 have AL1 (allergy) segments, so only those carry allergies and our
 * ZAL alert segments; other messages say nothing about them (absent means "not sent").
 */
import type { AdtEventKind } from "@/lib/adt/events";

export const messageStructures: Record<AdtEventKind, string> = {
  admit: "ADT_A01",
  register: "ADT_A01",
  update: "ADT_A01",
  "cancel-discharge": "ADT_A01",
  transfer: "ADT_A02",
  discharge: "ADT_A03",
  "pre-admit": "ADT_A05",
  "person-add": "ADT_A05",
  "person-update": "ADT_A05",
  "outpatient-to-inpatient": "ADT_A06",
  "inpatient-to-outpatient": "ADT_A06",
  "cancel-admit": "ADT_A09",
  "cancel-transfer": "ADT_A12",
  "leave-out": "ADT_A21",
  "leave-return": "ADT_A21",
  merge: "ADT_A39",
  swap: "ADT_A17",
  "move-account": "ADT_A43",
  "move-visit": "ADT_A45",
  "change-identifier": "ADT_A30",
};

export function carriesClinicalFlags(kind: AdtEventKind): boolean {
  const structure = messageStructures[kind];
  return structure === "ADT_A01" || structure === "ADT_A05";
}
