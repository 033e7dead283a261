import { describe, expect, it } from "vitest";
import { auditCsvLines, csvField, csvLine } from "./audit-csv";
import type { AuditPage, AuditRow } from "./audit-queries";

const row = (id: string, overrides: Partial<AuditRow> = {}): AuditRow => ({
  id,
  occurredAt: "2026-11-20T08:00:00.000000Z",
  recordedAt: "2026-11-20T08:00:01.000000Z",
  action: "patient.view",
  outcome: "success",
  userId: "u1",
  username: "trust\\a.nurse",
  method: "launcher",
  deviceId: null,
  patientId: "p1",
  mrn: "M1",
  nhsNumber: "9434765919",
  wardId: null,
  documentId: null,
  breakGlass: false,
  offline: false,
  reason: null,
  ip: "10.0.0.1",
  detail: "{}",
  via: null,
  ...overrides,
});

describe("csvField", () => {
  it("quotes every field and doubles quotes inside (RFC 4180 section 2.5-2.7)", () => {
    expect(csvField("plain")).toBe('"plain"');
    expect(csvField('say "hello", then\r\nleave')).toBe('"say ""hello"", then\r\nleave"');
    expect(csvField(null)).toBe('""');
    expect(csvField(true)).toBe('"true"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1")).toBe('"\'+1"');
    expect(csvField("-2+3")).toBe('"\'-2+3"');
    expect(csvField("@SUM(A1)")).toBe('"\'@SUM(A1)"');
    expect(csvField("\t=1")).toBe('"\'\t=1"');
    expect(csvField("a=1")).toBe('"a=1"');
  });

  it("ends lines with CRLF", () => {
    expect(csvLine(["a", "b"])).toBe('"a","b"\r\n');
  });
});

describe("auditCsvLines", () => {
  it("streams a header, then every page in order, following the cursor", async () => {
    const pages: Record<string, AuditPage> = {
      start: { rows: [row("e1"), row("e2", { reason: "=cmd|' /C calc'!A0" })], nextCursor: "c1" },
      c1: { rows: [row("e3")], nextCursor: null },
    };
    const asked: (string | null)[] = [];
    const lines: string[] = [];
    for await (const line of auditCsvLines(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? "start"]!;
    })) {
      lines.push(line);
    }
    expect(asked).toEqual([null, "c1"]);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^"occurred_at","recorded_at","action"/);
    expect(lines.every((line) => line.endsWith("\r\n"))).toBe(true);
    expect(lines[1]).toContain('"e1"');
    expect(lines[2]).toContain("\"'=cmd|' /C calc'!A0\"");
    expect(lines[2]).toContain('"trust\\a.nurse"');
    expect(lines[3]).toContain('"e3"');
  });

  it("says how each read was made, so a device's report stands apart from a server read", async () => {
    const lines: string[] = [];
    const rows = [
      row("e1", { via: "ward-list" }),
      row("e2", { offline: true, via: "device-report", detail: '{"via":"device-report"}' }),
    ];
    for await (const line of auditCsvLines(async () => ({ rows, nextCursor: null }))) lines.push(line);
    expect(lines[0]).toMatch(/^"occurred_at","recorded_at","action","via","outcome"/);
    expect(lines[1]).toMatch(/^"[^"]*","[^"]*","patient.view","ward-list","success"/);
    expect(lines[2]).toMatch(/^"[^"]*","[^"]*","patient.view","device-report","success"/);
  });

  it("stops at maxRows", async () => {
    const lines: string[] = [];
    for await (const line of auditCsvLines(async () => ({ rows: [row("e1"), row("e2")], nextCursor: null }), {
      maxRows: 1,
    })) {
      lines.push(line);
    }
    expect(lines).toHaveLength(2);
  });
});
