import { describe, expect, it } from "vitest";
import { cssString, pageMarksCss } from "./page-marks";

describe("printed page marks", () => {
  it("puts the sheet's header in the top margins and page n of N at the foot of every page", () => {
    const css = pageMarksCss({
      page: "ward-list",
      topLeft: "Oak Ward — Riverside",
      topRight: "Printed 06 Dec 2026 02:14 by Demo Clerk",
      bottomLeft: "Data as of 02:10",
    });
    expect(css).toContain("@page ward-list {");
    expect(css).toContain('@top-left { content: "Oak Ward — Riverside"; }');
    expect(css).toContain('@top-right { content: "Printed 06 Dec 2026 02:14 by Demo Clerk"; }');
    expect(css).toContain('@bottom-left { content: "Data as of 02:10"; }');
    expect(css).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages); }');
  });

  it("keeps a line break as CSS's new line escape", () => {
    expect(cssString("Oak Ward\nCONFIDENTIAL")).toBe('"Oak Ward\\a CONFIDENTIAL"');
  });

  it("escapes what could end the string or the style element", () => {
    const text = cssString('O"Brien \\ </style><script>');
    expect(text).not.toMatch(/<|>/);
    expect(text.slice(1, -1)).not.toMatch(/(^|[^\\])"/);
    expect(text).toBe('"O\\22 Brien \\5c  \\3c /style\\3e \\3c script\\3e "');
  });
});
