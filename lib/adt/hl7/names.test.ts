import { describe, expect, it } from "vitest";
import { parseHl7 } from "@/lib/hl7/parse";
import { displayCase, readPractitionerName } from "./names";

const read = (xcn: string) =>
  readPractitionerName(
    parseHl7(`MSH|^~\\&|PAS|RXD01|||20261120101500||ADT^A01|C1|P|2.4\rPV1|1|I|OAK||||${xcn}`),
    "PV1-7",
  );

describe("readPractitionerName (XCN)", () => {
  it("builds prefix, given and family, in display case", () => {
    expect(read("C123^OKAFOR^ADA^^^DR")).toEqual({ name: "Dr Ada Okafor" });
    expect(read("C123^McAllister^Ian")).toEqual({ name: "Ian McAllister" });
  });

  it("uses the id (XCN-1) when no name is sent, and says absent when nothing is", () => {
    expect(read("C123^^^^^DR")).toEqual({ name: "C123" });
    expect(read("")).toEqual({ absent: true });
  });

  it("leaves out a given name with no letters (a placeholder) but keeps the family name", () => {
    expect(read("C123^OKAFOR^.")).toEqual({ name: "Okafor" });
  });

  it("calls unreadable a prefix or authority alone, a family name with no letters, or control characters", () => {
    expect(read("^^^^^DR")).toEqual({ unreadable: "has no name or identifier" });
    expect(read("^^^^^^^^PAS")).toEqual({ unreadable: "has no name or identifier" });
    expect(read("C123^12345^ADA")).toEqual({ unreadable: "has a family name with no letters" });
    expect(read("C123^OKA\\X07\\FOR^ADA")).toEqual({ unreadable: "contains control characters" });
  });
});

describe("displayCase", () => {
  it("title-cases names sent in capitals and leaves mixed case alone", () => {
    expect(displayCase("O'NEIL-SMITH")).toBe("O'Neil-Smith");
    expect(displayCase("McAllister")).toBe("McAllister");
  });
});
