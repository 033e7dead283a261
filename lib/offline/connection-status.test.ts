import { beforeEach, describe, expect, it, vi } from "vitest";

const feed = (lastMessageAt: string | null) => ({ facilityCode: "RXD01", lastMessageAt, silenceMinutes: 15 });

describe("connection status", () => {
  let store: typeof import("./connection-status");
  beforeEach(async () => {
    vi.resetModules();
    store = await import("./connection-status");
  });

  it("starts unknown, then follows the outcome of the latest request", () => {
    expect(store.connectionStatus().reach).toBe("checking");
    store.reportReached([feed("2026-12-04T13:58:00Z")], "2026-12-04T14:00:00Z");
    expect(store.connectionStatus()).toEqual({
      reach: "reached",
      feeds: [feed("2026-12-04T13:58:00Z")],
      serverTime: "2026-12-04T14:00:00Z",
    });
    store.reportUnreachable();
    expect(store.connectionStatus().reach).toBe("unreachable");
    // What was known about the feed stays: the banner still says when it last sent something.
    expect(store.connectionStatus().feeds).toEqual([feed("2026-12-04T13:58:00Z")]);
    store.reportReached();
    expect(store.connectionStatus().reach).toBe("reached");
  });

  it("tells listeners of each change, and only of changes", () => {
    const listener = vi.fn();
    const stop = store.subscribeConnection(listener);
    store.reportUnreachable();
    store.reportUnreachable();
    expect(listener).toHaveBeenCalledTimes(1);
    store.reportReached();
    store.reportReached();
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    store.reportUnreachable();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("uses the feed ages saved with the device copy without making a feed look older", () => {
    store.reportReached([feed("2026-12-04T13:58:00Z")], "2026-12-04T14:00:00Z");
    store.rememberSavedFeeds([feed("2026-12-04T12:00:00Z")], "2026-12-04T12:01:00Z");
    expect(store.connectionStatus()).toMatchObject({
      feeds: [feed("2026-12-04T13:58:00Z")],
      serverTime: "2026-12-04T14:00:00Z",
    });
    store.rememberSavedFeeds(null, "2026-12-04T15:00:00Z");
    expect(store.connectionStatus().serverTime).toBe("2026-12-04T14:00:00Z");
  });
});
