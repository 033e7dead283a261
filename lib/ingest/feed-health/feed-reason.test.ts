import { describe, expect, it } from "vitest";
import { feedRejectionReason, maxReasonLength } from "./feed-reason";

describe("feedRejectionReason", () => {
  it("keeps field names, table numbers and rule text as they are", () => {
    expect(feedRejectionReason("PID-3 repetition 2: the NHS number fails its modulus-11 check")).toBe(
      "PID-3 repetition 2: the NHS number fails its modulus-11 check",
    );
    expect(feedRejectionReason("PV1-19 (visit number) is required for this event")).toBe(
      "PV1-19 (visit number) is required for this event",
    );
  });

  it("masks digit runs that could be an NHS number, an MRN or a birth date", () => {
    expect(feedRejectionReason("NHS number 9434765919 for MRN 00123456 born 19800101")).toBe(
      "NHS number [number] for MRN [number] born [number]",
    );
  });

  it("drops control characters, bounds the length and never stores an empty reason", () => {
    expect(feedRejectionReason("bad\r\nline")).toBe("bad line");
    const long = feedRejectionReason("x".repeat(1_000));
    expect(long).toHaveLength(maxReasonLength);
    expect(long.endsWith("…")).toBe(true);
    expect(feedRejectionReason(undefined)).toBe("No reason given");
    expect(feedRejectionReason("  ")).toBe("No reason given");
  });
});
