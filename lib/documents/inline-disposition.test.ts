import { describe, expect, it } from "vitest";
import { inlineDisposition } from "./inline-disposition";

describe("inlineDisposition", () => {
  it("opens inline, named after the title with the type's extension", () => {
    expect(inlineDisposition("Medication administration record", "application/pdf")).toBe(
      `inline; filename="Medication administration record.pdf"; filename*=UTF-8''Medication%20administration%20record.pdf`,
    );
    expect(inlineDisposition("Care plan", "text/html; charset=utf-8")).toContain('filename="Care plan.html"');
    expect(inlineDisposition("Notes", "text/plain")).toContain('filename="Notes.txt"');
  });

  it("keeps non-ASCII titles in filename* and gives old clients an ASCII name", () => {
    const header = inlineDisposition("Plan de soins – Zoë", "application/pdf");
    expect(header).toContain(`filename="Plan de soins _ Zoe.pdf"`);
    expect(header).toContain(`filename*=UTF-8''Plan%20de%20soins%20%E2%80%93%20Zo%C3%AB.pdf`);
  });

  it("cannot be used to break out of the header or into a path", () => {
    const header = inlineDisposition('a"b\\c/d\r\nSet-Cookie: x=1;e', "application/pdf");
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="a b c d Set-Cookie x=1 e.pdf"');
    expect(header.match(/"/g)).toHaveLength(2);
  });

  it("names an untitled document", () => {
    expect(inlineDisposition('  "" ', "application/pdf")).toContain('filename="document.pdf"');
  });
});
