import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CacheError, toCacheError } from "./cache-error";
import { entry, lastPage } from "./census-entries.test-kit";
import { openRaw } from "./raw-idb";
import {
  applySyncPage,
  openWardCache,
  queueOfflineRead,
  status,
  type WardCache,
  wipeCache,
} from "./ward-cache";
import { wardCacheDbName } from "./ward-cache-db";

const now = Date.parse("2025-03-01T10:00:05.000Z");
const open: WardCache[] = [];
const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cache of open.splice(0)) cache.db.close();
  await wipeCache("sign-out");
});

async function signIn(): Promise<WardCache> {
  const cache = await openWardCache({ userId: "user-1", sessionId: "session-1" });
  open.push(cache);
  return cache;
}

describe("toCacheError", () => {
  it("maps quota failures however they are wrapped", () => {
    expect(toCacheError(quota()).kind).toBe("quota");
    expect(toCacheError(new Dexie.AbortError("aborted", quota())).kind).toBe("quota");
    expect(toCacheError(new Dexie.QuotaExceededError("full")).kind).toBe("quota");
  });

  it("maps open and version failures to unavailable", () => {
    expect(toCacheError(new Dexie.OpenFailedError("no IndexedDB")).kind).toBe("unavailable");
    expect(toCacheError(new Dexie.VersionError("newer on disk")).kind).toBe("unavailable");
    expect(toCacheError(new Dexie.DatabaseClosedError()).kind).toBe("unavailable");
  });

  it("rethrows what it does not recognise instead of hiding it", () => {
    const bug = new TypeError("x is undefined");
    expect(() => toCacheError(bug)).toThrow(bug);
  });
});

describe("storage failures reach the UI as CacheError", () => {
  it("a full disk while applying a page is a quota error and changes nothing", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([entry("s1")]), now);
    const before = await status(cache);
    vi.spyOn(cache.db.entries, "bulkPut").mockRejectedValue(quota());
    const next = lastPage([entry("s2")], { nextCursor: "cursor-2" });
    const error = await applySyncPage(cache, next, now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheError);
    expect(error).toMatchObject({ kind: "quota", message: expect.stringContaining("out of storage") });
    expect(await status(cache)).toEqual(before);
  });

  it("a failure late in the page's transaction rolls back the rows already written", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([entry("s1")]), now);
    vi.spyOn(cache.db.meta, "bulkPut").mockRejectedValue(quota());
    await expect(applySyncPage(cache, lastPage([entry("s1"), entry("s2")]), now)).rejects.toMatchObject({
      kind: "quota",
    });
    vi.restoreAllMocks();
    expect(await status(cache)).toMatchObject({ entryCount: 1, cursor: "cursor-1" });
  });

  it("a full disk while queueing an offline read is a quota error", async () => {
    const cache = await signIn();
    vi.spyOn(cache.db.auditQueue, "add").mockRejectedValue(quota());
    const read = { action: "ward.view", at: "2025-03-01T10:01:00.000Z" } as const;
    await expect(queueOfflineRead(cache, read)).rejects.toMatchObject({ kind: "quota" });
  });

  it("an upgrade blocked by another tab's open connection is reported as blocked", async () => {
    const stale = await openRaw(wardCacheDbName); // an "old tab" at version 1 that never closes
    stale.onversionchange = null;
    await expect(openWardCache({ userId: "user-1", sessionId: "session-1" })).rejects.toMatchObject({
      kind: "blocked",
    });
    stale.close();
  });
});
