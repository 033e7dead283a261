import { describe, expect, it } from "vitest";
import type { AdtEvent } from "@/lib/adt/events";
import { mapHl7Message } from "@/lib/adt/hl7/map-message";
import { parseHl7 } from "@/lib/hl7/parse";
import { type DemoAdtItem, generateAdtScenario } from "./adt-scenario";
import { messageStructures } from "./adt-structures";
import { toHl7Message } from "./hl7-writer";
import { generateDemoHospital } from "./hospital";

const facilities = generateDemoHospital();
const startAt = new Date("2026-11-23T08:00:00Z");
const items = generateAdtScenario({ seed: 2, facilities, currentInpatients: 250, historyDays: 5, startAt });
const messages = items.map((item) => ({ item, message: parseHl7(toHl7Message(item)) }));
const options = { timeZone: "Europe/London", facilityCodes: facilities.map((f) => f.code) };

describe("toHl7Message", () => {
  it("writes CR-separated v2.4 messages the parser reads without warnings", () => {
    const text = toHl7Message(items[0]!);
    expect(text.startsWith("MSH|^~\\&|DEMO-PAS|")).toBe(true);
    expect(text).not.toMatch(/\n/);
    expect(text.endsWith("\r")).toBe(true);
    for (const { message } of messages) expect(message.warnings).toEqual([]);
  });

  it("fills MSH, EVN, PID-3 and PV1 as the interface specification says", () => {
    for (const { item, message } of messages) {
      const { event } = item;
      expect(message.get("MSH-9")).toBe("ADT");
      expect(message.triggerEvent).toBe(event.trigger);
      expect(message.messageStructure).toBe(messageStructures[event.kind]);
      expect(message.controlId).toBe(item.controlId);
      expect([message.get("MSH-11"), message.version, message.get("MSH-18")]).toEqual([
        "P",
        "2.4",
        "UNICODE UTF-8",
      ]);
      expect(message.get("EVN-1")).toBe(event.trigger);
      expect(message.get("EVN-6")).toBe(message.get("MSH-7"));
      expect(message.getAll("PID-3.1")).toEqual([
        event.patient.mrn,
        ...(event.patient.nhsNumber ? [event.patient.nhsNumber] : []),
      ]);
      expect(message.get("PID-3[1].4")).toBe(event.facilityCode);
      expect(message.get("PID-3[1].5")).toBe("MR");
      if (event.patient.nhsNumber) expect(message.get("PID-3[2].5")).toBe("NH");
      if (!event.visit) continue;
      const { ward, room, bed } = event.visit.location ?? {};
      expect([1, 2, 3, 4].map((n) => message.get(`PV1-3.${n}`))).toEqual([
        ward,
        room ?? "",
        bed ?? "",
        event.facilityCode,
      ]);
      expect(message.get("PV1-19")).toBe(event.visit.visitNumber);
    }
  });

  it("puts allergies (AL1) and alerts (ZAL) only in ADT_A01 and ADT_A05, and MRG in A40", () => {
    const al1 = messages.filter(({ message }) => message.segments("AL1").length > 0);
    const zal = messages.filter(({ message }) => message.segments("ZAL").length > 0);
    expect(al1.length).toBeGreaterThan(0);
    expect(zal.length).toBeGreaterThan(0);
    for (const { message } of [...al1, ...zal])
      expect(["ADT_A01", "ADT_A05"]).toContain(message.messageStructure);
    const merge = messages.find(({ item }) => item.event.kind === "merge")!;
    expect(merge.message.get("MRG-1")).toBe(merge.item.event.mergedFrom!.mrn);
    expect(merge.message.get("MRG-5")).toBe(merge.item.event.mergedFrom!.visitNumber);
  });

  it("round-trips every message through the census HL7 mapper to the same event", () => {
    for (const { item, message } of messages) {
      const mapping = mapHl7Message(message, options);
      expect(mapping, item.controlId).toMatchObject({ outcome: "mapped" });
      if (mapping.outcome === "mapped") expect(mapping.events, item.controlId).toEqual([item.event]);
    }
  });

  it("escapes delimiters in text so names like Smith&Jones survive", () => {
    const base = items.find((item) => item.event.kind === "admit")!;
    const event: AdtEvent = {
      ...base.event,
      patient: {
        ...base.event.patient,
        demographics: {
          ...base.event.patient.demographics,
          familyName: "Smith&Jones",
          givenNames: "Ann^Marie",
          address: "Flat 2|3, 1 Mill Street, Riverside, RV1 2AB",
          alerts: ["Falls risk ~ uses frame\\stick"],
        },
      },
    };
    const item: DemoAdtItem = { ...base, event };
    const message = parseHl7(toHl7Message(item));
    expect(message.get("PID-5.1")).toBe("Smith&Jones");
    expect(message.get("PID-5.2")).toBe("Ann^Marie");
    expect(message.get("ZAL-2")).toBe("Falls risk ~ uses frame\\stick");
    const mapping = mapHl7Message(message, options);
    expect(mapping.outcome === "mapped" && mapping.events[0]!.patient).toEqual(event.patient);
  });
});
