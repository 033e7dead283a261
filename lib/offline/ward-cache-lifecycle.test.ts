import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { entry, lastPage, page, wardA } from "./census-entries.test-kit";
import { databaseNames } from "./raw-idb";
import {
  applySyncPage,
  openWardCache,
  queueOfflineRead,
  readEntry,
  readWard,
  removePatients,
  status,
  type WardCache,
  wipeCache,
} from "./ward-cache";
import { wardCacheDbName } from "./ward-cache-db";

const now = Date.parse("2025-03-01T10:00:05.000Z");
const late = "2025-03-01T11:00:00.000Z";
const open: WardCache[] = [];

async function signIn(userId = "user-1", sessionId = "session-1"): Promise<WardCache> {
  const cache = await openWardCache({ userId, sessionId });
  open.push(cache);
  return cache;
}

async function bedOf(cache: WardCache, stayId: string): Promise<string | null | undefined> {
  const read = await readEntry(cache, stayId, now);
  return read.expired ? undefined : read.entry?.bed;
}

afterEach(async () => {
  for (const cache of open.splice(0)) cache.db.close();
  await wipeCache("sign-out");
});

describe("sync pages against the database", () => {
  it("a late page older than what is held keeps the newer copy; a newer one replaces it", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([entry("s1", { updatedAt: late, bed: "Bed 4" })]), now);
    expect(await applySyncPage(cache, page({ upserts: [entry("s1", { bed: "Bed 1" })] }), now)).toEqual({
      wiped: false,
      put: 0,
      removed: 0,
    });
    expect(await bedOf(cache, "s1")).toBe("Bed 4");
    const newer = entry("s1", { updatedAt: "2025-03-01T12:00:00.000Z", bed: "Bed 5" });
    await applySyncPage(cache, page({ upserts: [newer] }), now);
    expect(await bedOf(cache, "s1")).toBe("Bed 5");
  });

  it("the last page removes stays no longer live; a duplicate of it changes nothing", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([entry("s1"), entry("s2")]), now);
    const last = page({ upserts: [entry("s1", { updatedAt: late })], liveStayIds: ["s1"] });
    expect(await applySyncPage(cache, last, now)).toEqual({ wiped: false, put: 1, removed: 1 });
    expect(await applySyncPage(cache, last, now)).toEqual({ wiped: false, put: 0, removed: 0 });
    expect((await status(cache)).entryCount).toBe(1);
  });

  it("an empty page only moves the cursor", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([entry("s1")]), now);
    await applySyncPage(cache, page({ nextCursor: "cursor-2", hasMore: true }), now);
    expect(await status(cache)).toMatchObject({ cursor: "cursor-2", entryCount: 1 });
  });

  it("a scope change wipes patient data and rebuilds from that page (the server restarted)", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([entry("s1"), entry("s3")]), now);
    await queueOfflineRead(cache, { action: "ward.view", at: "2025-03-01T10:01:00.000Z", wardId: wardA });
    const changed = { wardIds: [wardA], version: "scope-v2" };
    const first = page({ upserts: [entry("s2")], hasMore: true, nextCursor: "v2-1", scope: changed });
    expect(await applySyncPage(cache, first, now)).toEqual({ wiped: true, put: 1, removed: 0 });
    expect(await status(cache)).toMatchObject({
      entryCount: 1,
      cursor: "v2-1",
      asOf: null,
      pendingAuditReads: 1,
    });
    expect(await readEntry(cache, "s1", now)).toEqual({ expired: true });
    const last = lastPage([entry("s4")], { scope: changed, liveStayIds: ["s2", "s4"] });
    expect(await applySyncPage(cache, last, now)).toEqual({ wiped: false, put: 1, removed: 0 });
    const ward = await readWard(cache, wardA, now);
    expect(ward.expired ? [] : ward.entries.map((e) => e.stayId)).toEqual(["s2", "s4"]);
  });

  it("purged patients are removed at once", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([entry("s1"), entry("s2")]), now);
    await removePatients(cache, ["s1"]);
    expect(await readEntry(cache, "s1", now)).toMatchObject({ expired: false, entry: null });
  });
});

describe("wiping", () => {
  it("sign-out deletes the whole database", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([entry("s1")]), now);
    expect(await databaseNames()).toContain(wardCacheDbName);
    expect(await wipeCache("sign-out", cache)).toEqual({ reason: "sign-out" });
    expect(await databaseNames()).not.toContain(wardCacheDbName);
    await expect(status(cache)).rejects.toMatchObject({ kind: "unavailable" });
  });

  it("another user signing in on the device sees nothing of the previous user's", async () => {
    const first = await signIn("user-1");
    await applySyncPage(first, lastPage([entry("s1")]), now);
    await queueOfflineRead(first, { action: "patient.view", at: "2025-03-01T10:01:00.000Z", stayId: "s1" });
    first.db.close();
    const second = await signIn("user-2");
    expect(await status(second)).toMatchObject({ entryCount: 0, cursor: null, pendingAuditReads: 0 });
    expect(await second.db.keys.count()).toBe(1);
  });

  it("a new session of the same user drops the old rows but keeps queued audit reads", async () => {
    const first = await signIn("user-1", "session-1");
    await applySyncPage(first, lastPage([entry("s1")]), now);
    await queueOfflineRead(first, { action: "patient.view", at: "2025-03-01T10:01:00.000Z", stayId: "s1" });
    first.db.close();
    const second = await signIn("user-1", "session-2");
    expect(await status(second)).toMatchObject({ entryCount: 0, cursor: null, pendingAuditReads: 1 });
  });
});
