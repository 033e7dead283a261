import { describe, expect, it } from "vitest";
import {
  clockText,
  copyFreshness,
  type FeedAge,
  feedFor,
  feedSilent,
  mergeFeeds,
  type ScreenState,
  screenBanners,
  statusLine,
} from "./feed-age";

// 14:00 UTC in December is 14:00 in London.
const now = new Date("2026-12-04T14:00:00Z");
const feed = (lastMessageAt: string | null, facilityCode = "RXD01"): FeedAge => ({
  facilityCode,
  lastMessageAt,
  silenceMinutes: 15,
});
const state = (overrides: Partial<ScreenState> = {}): ScreenState => ({
  feed: feed("2026-12-04T13:58:00Z"),
  serverTime: null,
  reach: "reached",
  savedAt: "2026-12-04T14:00:00Z",
  amberMinutes: 10,
  now,
  subject: "this list",
  ...overrides,
});

describe("feedSilent", () => {
  it("is silent only past the threshold, and when nothing ever arrived", () => {
    expect(feedSilent(feed("2026-12-04T13:45:00Z"), now)).toBe(false);
    expect(feedSilent(feed("2026-12-04T13:44:59Z"), now)).toBe(true);
    expect(feedSilent(feed(null), now)).toBe(true);
  });

  it("uses the server's time when the device clock is behind it", () => {
    const behind = new Date("2026-12-04T13:50:00Z");
    expect(feedSilent(feed("2026-12-04T13:40:00Z"), behind)).toBe(false);
    expect(feedSilent(feed("2026-12-04T13:40:00Z"), behind, "2026-12-04T14:00:00Z")).toBe(true);
  });
});

describe("screenBanners", () => {
  it("shows nothing while the feed is live and the server answers", () => {
    expect(screenBanners(state())).toEqual([]);
  });

  it("shows a red banner naming the last message once the feed is silent, even while the server answers", () => {
    expect(screenBanners(state({ feed: feed("2026-12-04T02:14:00Z") }))).toEqual([
      {
        kind: "silent",
        tone: "red",
        text: "No updates from the hospital system since 02:14 — this list may be out of date",
      },
    ]);
    expect(screenBanners(state({ feed: feed(null) }))[0]!.text).toBe(
      "No updates from the hospital system have arrived for this site — this list may be out of date",
    );
    expect(screenBanners(state({ feed: feed("2026-12-03T23:10:00Z") }))[0]!.text).toContain(
      "since 23:10 on 03 Dec 2026",
    );
  });

  it("says the server cannot be reached and which copy is shown: amber, red once the copy is old", () => {
    const unreachable = state({ reach: "unreachable", savedAt: "2026-12-04T13:55:00Z" });
    expect(screenBanners(unreachable)).toEqual([
      { kind: "unreachable", tone: "amber", text: "Can't reach Downtime — showing the copy saved at 13:55" },
    ]);
    const old = state({ reach: "unreachable", savedAt: "2026-12-04T13:15:00Z" });
    expect(copyFreshness(old)).toBe("old");
    expect(screenBanners(old)[0]!.tone).toBe("red");
  });

  it("shows both when the server is unreachable and the saved feed time is old", () => {
    const both = screenBanners(
      state({ reach: "unreachable", feed: feed("2026-12-04T13:00:00Z"), savedAt: "2026-12-04T13:20:00Z" }),
    );
    expect(both.map((banner) => banner.kind)).toEqual(["silent", "unreachable"]);
  });

  it("does not call a feed silent before its age is known", () => {
    expect(screenBanners(state({ feed: null }))).toEqual([]);
  });
});

describe("statusLine", () => {
  it("tells the feed's last message apart from this device's connection", () => {
    expect(statusLine(state())).toBe(
      "Last update from the hospital system 13:58 (2 minutes ago) · connected to Downtime",
    );
    expect(statusLine(state({ reach: "unreachable", savedAt: "2026-12-04T13:51:00Z" }))).toBe(
      "Last update from the hospital system 13:58 (2 minutes ago) · can't reach Downtime, copy saved 13:51 (9 minutes ago)",
    );
    expect(statusLine(state({ reach: "checking", feed: null }))).toMatch(
      /^Checking when the hospital system last sent an update · contacting Downtime/,
    );
    expect(statusLine(state({ feed: feed(null) }))).toMatch(/^No update from the hospital system yet/);
  });

  it("never says connected unless the last request reached the server", () => {
    expect(statusLine(state({ reach: "unreachable" }))).not.toContain("connected");
    expect(statusLine(state({ reach: "checking" }))).not.toContain("connected");
  });
});

describe("feeds", () => {
  it("picks the screen's facility, or the oldest feed for a screen of several sites", () => {
    const feeds = [feed("2026-12-04T13:00:00Z", "A"), feed(null, "B"), feed("2026-12-04T13:30:00Z", "C")];
    expect(feedFor(feeds, "C")?.facilityCode).toBe("C");
    expect(feedFor(feeds, "Z")).toBeNull();
    expect(feedFor(feeds, null)?.facilityCode).toBe("B");
    expect(feedFor([], null)).toBeNull();
  });

  it("merges answers so a feed never looks older than the latest message seen", () => {
    const merged = mergeFeeds(
      [feed("2026-12-04T13:30:00Z", "A"), feed("2026-12-04T13:00:00Z", "B")],
      [feed("2026-12-04T13:10:00Z", "A"), feed("2026-12-04T13:40:00Z", "B"), feed(null, "C")],
    );
    expect(merged).toEqual([
      feed("2026-12-04T13:30:00Z", "A"),
      feed("2026-12-04T13:40:00Z", "B"),
      feed(null, "C"),
    ]);
  });

  it("writes the date beside the time when it is not today", () => {
    expect(clockText("2026-12-04T09:05:00Z", now)).toBe("09:05");
    expect(clockText("2026-12-01T09:05:00Z", now)).toBe("09:05 on 01 Dec 2026");
  });
});
