import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { layoutText, wrapLine, wrapText } from "./text-layout";
import { isWinAnsi, toWinAnsi } from "./win-ansi";

// One unit per character makes widths easy to reason about.
const chars = (s: string) => s.length;

describe("wrapLine", () => {
  it("breaks at spaces to fit the width", () => {
    expect(wrapLine("aaa bbb ccc dd", chars, 7)).toEqual(["aaa bbb", "ccc dd"]);
  });

  it("breaks a word longer than the line where it must", () => {
    expect(wrapLine("x abcdefghij y", chars, 4)).toEqual(["x", "abcd", "efgh", "ij y"]);
  });

  it("keeps indentation on the first line and blank lines as blank", () => {
    expect(wrapLine("    a b", chars, 20)).toEqual(["    a b"]);
    expect(wrapLine("   ", chars, 20)).toEqual([""]);
  });

  it("measures with the real font: no wrapped line is wider than the page", async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const measure = (s: string) => font.widthOfTextAtSize(s, 10);
    const lines = wrapText("Observe WWWWWWWW and mmmmmm iiii ".repeat(20), measure, 200);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(200);
  });
});

describe("layoutText", () => {
  it("splits into pages of at most N lines, and a form feed starts a new page", () => {
    const text = ["1", "2", "3", "4", "5"].join("\n");
    expect(layoutText(text, chars, 10, 2)).toEqual([["1", "2"], ["3", "4"], ["5"]]);
    expect(layoutText("a\nb\fc\r\nd\f", chars, 10, 10)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("gives an empty document one (empty) page and drops trailing blank lines", () => {
    expect(layoutText("", chars, 10, 5)).toEqual([[]]);
    expect(layoutText("a\n\n\n\n\n\n", chars, 10, 2)).toEqual([["a"]]);
  });
});

describe("WinAnsi sanitising", () => {
  it("keeps what WinAnsi has, drops accents it lacks, and replaces the rest with '?'", () => {
    expect(toWinAnsi("Zoë O’Brien — 5 µg, £3, €4")).toBe("Zoë O’Brien — 5 µg, £3, €4");
    expect(toWinAnsi("Łukasz Dvořák → 中")).toBe("?ukasz Dvorák ? ?");
    expect(toWinAnsi("a\tb\u0007c\u200bd")).toBe("a    bcd");
  });

  it("never hands Helvetica a character it cannot encode", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const everything = Array.from({ length: 0x2200 }, (_, code) => String.fromCodePoint(code)).join("");
    const safe = toWinAnsi(everything);
    expect([...safe].every(isWinAnsi)).toBe(true);
    expect(() => font.encodeText(safe)).not.toThrow();
    // Without sanitising, pdf-lib does throw: the guard is needed.
    expect(() => font.encodeText("Ł")).toThrow();
    const page = doc.addPage();
    expect(() => page.drawText(wrapText("Ł → ok", (s) => s.length, 80).join(" "), { font })).not.toThrow();
  });
});
