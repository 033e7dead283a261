import { describe, expect, it } from "vitest";
import { hl7ContentHash, jsonContentHash } from "./content-hash";

const admit = ["MSH|^~\\&|PAS|RXD|DT|RXD|20261120080000||ADT^A01|42|P|2.4", "PID|1||M1^^^RXD^MR||DOE^JO"];

describe("content hashes", () => {
  it("treat an HL7 resend with other line endings, a BOM or trailing blank lines as the same message", () => {
    const sent = hl7ContentHash(admit.join("\r"));
    expect(hl7ContentHash(admit.join("\n"))).toBe(sent);
    expect(hl7ContentHash(`${admit.join("\r\n")}\r\n\r\n`)).toBe(sent);
    expect(hl7ContentHash(`\uFEFF${admit.join("\r")}\r`)).toBe(sent);
  });

  it("tell apart HL7 messages that differ in any field", () => {
    const changed = [admit[0], "PID|1||M2^^^RXD^MR||DOE^JO"].join("\r");
    expect(hl7ContentHash(changed)).not.toBe(hl7ContentHash(admit.join("\r")));
  });

  it("hash JSON as parsed: formatting does not count, values do", () => {
    expect(jsonContentHash(JSON.parse('{ "a": 1,\n "b": [2] }'))).toBe(jsonContentHash({ a: 1, b: [2] }));
    expect(jsonContentHash({ a: 1, b: [3] })).not.toBe(jsonContentHash({ a: 1, b: [2] }));
  });
});
