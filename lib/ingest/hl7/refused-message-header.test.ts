import { describe, expect, it } from "vitest";
import { refusedMessageHeader } from "./refused-message-header";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("refusedMessageHeader", () => {
  it("reads the first message's MSH, past a BOM and batch headers", () => {
    const batch =
      "\uFEFFFHS|^~\\&|PAS\rBHS|^~\\&|PAS\rMSH|^~\\&|PAS|RXD01|||20261203||ADT^A01|C-1|P|2.4\rPID|1";
    expect(refusedMessageHeader(bytes(batch))?.controlId).toBe("C-1");
    expect(refusedMessageHeader(bytes("MSH|^~\\&|A|B|||1||ADT^A01|LF-2|P|2.5\nEVN|A01"))?.controlId).toBe(
      "LF-2",
    );
  });

  it("gives nothing for an empty, non-HL7 or cut-off body", () => {
    expect(refusedMessageHeader(new Uint8Array())).toBeUndefined();
    expect(refusedMessageHeader(bytes('{"resourceType":"Bundle"}'))).toBeUndefined();
    expect(refusedMessageHeader(bytes("MSH"))).toBeUndefined();
  });
});
