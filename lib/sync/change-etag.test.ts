import { describe, expect, it } from "vitest";
import { changeEtag, noneMatchHits } from "./change-etag";

const feeds = [{ facilityCode: "RXD01", lastMessageAt: "2026-12-06T21:00:00.000Z", silenceMinutes: 15 }];

describe("change poll ETag", () => {
  it("moves with the token and with any feed age, and only with them", () => {
    const etag = changeEtag("2026-12-06T21:00:00.000001Z.12.v1", feeds);
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(changeEtag("2026-12-06T21:00:00.000001Z.12.v1", [...feeds])).toBe(etag);
    expect(changeEtag("2026-12-06T21:00:00.000001Z.11.v1", feeds)).not.toBe(etag);
    expect(changeEtag("2026-12-06T21:00:00.000001Z.12.v1", [{ ...feeds[0]!, lastMessageAt: null }])).not.toBe(
      etag,
    );
  });

  it("matches If-None-Match lists, weak tags and *, and nothing else", () => {
    const etag = '"abc"';
    expect(noneMatchHits('"abc"', etag)).toBe(true);
    expect(noneMatchHits('W/"abc"', etag)).toBe(true);
    expect(noneMatchHits('"x", "abc"', etag)).toBe(true);
    expect(noneMatchHits("*", etag)).toBe(true);
    expect(noneMatchHits('"abcd"', etag)).toBe(false);
    expect(noneMatchHits(null, etag)).toBe(false);
    expect(noneMatchHits("", etag)).toBe(false);
  });
});
