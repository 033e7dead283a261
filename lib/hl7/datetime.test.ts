import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { formatHl7Timestamp, parseHl7Date, parseHl7DateTime, parseHl7DateTimeDetailed } from "./datetime";

const iso = (value: string, timeZone?: string) =>
  parseHl7DateTime(value, { timeZone })?.toISOString() ?? null;

describe("parseHl7DateTime (DTM/TS)", () => {
  it("reads London wall time without offset as GMT in winter and BST in summer", () => {
    expect(iso("20240115120000")).toBe("2024-01-15T12:00:00.000Z");
    expect(iso("20240701120000")).toBe("2024-07-01T11:00:00.000Z");
    expect(iso("201010101418")).toBe("2010-10-10T13:18:00.000Z"); // NHS ITK A01 MSH-7, BST
    expect(iso("201011011512")).toBe("2010-11-01T15:12:00.000Z"); // NHS ITK A04 MSH-7, GMT
  });

  it("uses the explicit offset when there is one, ignoring the time zone", () => {
    expect(iso("20050110045504+0700")).toBe("2005-01-09T21:55:04.000Z");
    expect(iso("20171023134421-0600", "Asia/Tokyo")).toBe("2017-10-23T19:44:21.000Z");
    expect(iso("198908181126+0215")).toBe("1989-08-18T09:11:00.000Z");
    expect(iso("20240701120000+0000")).toBe("2024-07-01T12:00:00.000Z");
  });

  it("reads fractions of a second and reduced precision", () => {
    expect(iso("20210817151943.4+0200")).toBe("2021-08-17T13:19:43.400Z");
    expect(iso("20210817151943.1234+0000")).toBe("2021-08-17T15:19:43.123Z");
    expect(iso("2010")).toBe("2010-01-01T00:00:00.000Z");
    expect(iso("201007")).toBe("2010-06-30T23:00:00.000Z");
    expect(parseHl7DateTimeDetailed("201010101418")).toMatchObject({ precision: "minute", hasOffset: false });
    expect(parseHl7DateTimeDetailed("1965")?.precision).toBe("year");
    expect(parseHl7DateTimeDetailed("20210817151943.4+0200")).toMatchObject({
      precision: "fraction",
      hasOffset: true,
    });
  });

  it("ignores the TS degree-of-precision component", () => {
    expect(iso("200803051508^M")).toBe("2008-03-05T15:08:00.000Z");
  });

  it("resolves the spring-forward gap and the autumn overlap like Temporal 'compatible'", () => {
    // 31 March 2024 01:30 does not exist in London: moved forward to 02:30 BST.
    expect(iso("202403310130")).toBe("2024-03-31T01:30:00.000Z");
    // 27 October 2024 01:30 happens twice: the first (BST) is taken.
    expect(iso("202410270130")).toBe("2024-10-27T00:30:00.000Z");
    expect(iso("202410270230")).toBe("2024-10-27T02:30:00.000Z");
    expect(iso("202403310059")).toBe("2024-03-31T00:59:00.000Z");
  });

  it("honours another configured IANA zone", () => {
    expect(iso("20240701120000", "America/New_York")).toBe("2024-07-01T16:00:00.000Z");
    expect(iso("20240115120000", "Australia/Sydney")).toBe("2024-01-15T01:00:00.000Z");
    expect(iso("20240701120000", "UTC")).toBe("2024-07-01T12:00:00.000Z");
  });

  it("returns null for values that are not valid DTMs (corpus: 09542013500P, 64121968, 196513121515)", () => {
    const invalid = ["", "09542013500P", "64121968", "196513121515", "20240230", "20230229", "2024013"];
    const more = ["20240101250000", "20240101126000", "20240101120060", "20240101+1500", "2024-01-01", "abc"];
    for (const value of [...invalid, ...more]) expect(parseHl7DateTime(value), value).toBeNull();
    expect(iso("20240229")).toBe("2024-02-29T00:00:00.000Z");
  });

  it("throws AppError(internal) for an unknown time zone (a configuration error)", () => {
    expect(() => parseHl7DateTime("20240101", { timeZone: "Mars/Olympus" })).toThrow(AppError);
  });
});

describe("parseHl7Date", () => {
  it("takes the calendar date with no time zone shift (dates of birth)", () => {
    expect(parseHl7Date("19830824")).toBe("1983-08-24");
    expect(parseHl7Date("196512131515")).toBe("1965-12-13");
    expect(parseHl7Date("198808181126+0215")).toBe("1988-08-18");
    expect(parseHl7Date("196513121515")).toBeNull();
    expect(parseHl7Date("1965")).toBeNull();
    expect(parseHl7Date('""')).toBeNull();
  });
});

describe("formatHl7Timestamp", () => {
  it("formats in UTC with +0000 and round-trips through the parser", () => {
    const date = new Date("2024-07-01T11:05:09.123Z");
    expect(formatHl7Timestamp(date)).toBe("20240701110509+0000");
    expect(parseHl7DateTime(formatHl7Timestamp(date))?.toISOString()).toBe("2024-07-01T11:05:09.000Z");
    expect(formatHl7Timestamp(new Date("0999-01-02T03:04:05Z"))).toBe("09990102030405+0000");
  });
});
