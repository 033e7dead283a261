import { describe, expect, it } from "vitest";
import { dataAsOfText } from "./data-as-of";

const now = new Date("2026-12-06T02:30:00Z");
const feed = (lastMessageAt: string | null) => ({ facilityCode: "RXD01", lastMessageAt, silenceMinutes: 15 });

describe("data as of, on paper", () => {
  it("is the feed's last message, not the time of printing", () => {
    expect(dataAsOfText(feed("2026-12-06T02:14:00Z"), now)).toBe(
      "Data as of 02:14 (last update from the hospital system)",
    );
  });

  it("names the day when the feed went quiet before today", () => {
    expect(dataAsOfText(feed("2026-12-05T23:50:00Z"), now)).toBe(
      "Data as of 23:50 on 05 Dec 2026 (last update from the hospital system)",
    );
  });

  it("says so when nothing has arrived, or the site has no feed", () => {
    expect(dataAsOfText(feed(null), now)).toBe("Data as of: no update from the hospital system yet");
    expect(dataAsOfText(null, now)).toBe("Data as of: not known (no feed for this site)");
  });
});
