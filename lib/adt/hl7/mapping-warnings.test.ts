/**
 * Partial acceptance as the sender sees it: an admission with unreadable optional fields maps, and
 * its AA carries one ERR per dropped field with ERR-4 W, ERR-2 the field and ERR-3 the code.
 */
import { describe, expect, it } from "vitest";
import { buildAck } from "@/lib/hl7/ack";
import { parseHl7 } from "@/lib/hl7/parse";
import { mapHl7Message } from "./map-message";
import { warningsAsAckErrors } from "./mapping-warnings";

// Synthetic: 9990054428 is a 999-range test NHS number.
const garbled = [
  "MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101500||ADT^A01^ADT_A01|CTRL9|P|2.5",
  "EVN|A01|20261120101000",
  "PID|1||RXD0000001^^^RXD01^MR~9990054428^^^NHS^NH||JONES^ALED||19450302|Q",
  "PV1|1|I|OAK^BAY1^B03^RXD01||||^^^^^DR||||||||||||V0001|||||||||||||||||||||||||2026132510",
].join("\r");

describe("warnings on an accepted message", () => {
  const mapping = mapHl7Message(parseHl7(garbled), { timeZone: "Europe/London", facilityCodes: ["RXD01"] });

  it("maps the admission without the unreadable fields", () => {
    expect(mapping.outcome).toBe("mapped");
    if (mapping.outcome !== "mapped") return;
    const [event] = mapping.events;
    expect(event).toMatchObject({
      kind: "admit",
      patient: { mrn: "RXD0000001", nhsNumber: "9990054428" },
      visit: { visitNumber: "V0001", location: { ward: "OAK", bed: "B03" } },
    });
    expect(event!.patient.demographics).not.toHaveProperty("sex");
    expect(event!.visit).not.toHaveProperty("admittedAt");
    expect(event!.visit).not.toHaveProperty("consultant");
  });

  it("answers AA with an ERR per dropped field: ERR-2 location, ERR-3 code, ERR-4 W, ERR-8 why", () => {
    if (mapping.outcome !== "mapped") throw new Error("not mapped");
    const ack = buildAck({
      original: parseHl7(garbled),
      code: "AA",
      errors: warningsAsAckErrors(mapping.warnings),
      controlId: "DT000000000000000001",
      now: new Date("2026-11-20T10:15:01Z"),
    });
    const errs = ack
      .split("\r")
      .filter((line) => line.startsWith("ERR"))
      .map((line) => parseHl7(`MSH|^~\\&|X\r${line}`));
    expect(parseHl7(ack).get("MSA-1")).toBe("AA");
    expect(
      errs.map((err) => [err.get("ERR-2.1"), err.get("ERR-2.3"), err.get("ERR-3.1"), err.get("ERR-4")]),
    ).toEqual([
      ["PID", "8", "103", "W"],
      ["PV1", "7", "102", "W"],
      ["PV1", "44", "102", "W"],
    ]);
    expect(errs[2]!.get("ERR-8")).toBe(
      "PV1-44 (admit time) is not a valid HL7 date/time; the field was dropped",
    );
    // Fields are named; nothing the sender sent is echoed.
    expect(ack).not.toContain("2026132510");
    expect(ack).not.toContain("JONES");
  });

  it("keeps parse leniencies as warnings with no field", () => {
    const lenient = mapHl7Message(parseHl7(garbled.replace("MSH|^~\\&|", "MSH||")), {
      timeZone: "Europe/London",
      facilityCodes: ["RXD01"],
    });
    expect(lenient.outcome === "mapped" && lenient.warnings[0]).toEqual({
      message: "MSH-2 is empty; assuming the standard encoding characters ^~\\&",
    });
    expect(warningsAsAckErrors([{ message: "note" }])).toEqual([
      { message: "note", code: "0", severity: "W" },
    ]);
  });
});
