import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { entry, lastPage, page, wardA, wardB } from "./census-entries.test-kit";
import { dumpDatabase } from "./raw-idb";
import {
  applySyncPage,
  openWardCache,
  readEntry,
  readWard,
  status,
  type WardCache,
  wipeCache,
} from "./ward-cache";
import { wardCacheDbName } from "./ward-cache-db";

const now = Date.parse("2025-03-01T10:00:05.000Z");
const open: WardCache[] = [];

async function signIn(userId = "user-1", sessionId = "session-1"): Promise<WardCache> {
  const cache = await openWardCache({ userId, sessionId });
  open.push(cache);
  return cache;
}

afterEach(async () => {
  for (const cache of open.splice(0)) cache.db.close();
  await wipeCache("sign-out");
});

const zebedee = entry("stay-z", {
  bed: "Bed 7",
  patient: {
    ...entry("stay-z").patient,
    patientId: "patient-z",
    familyName: "Quartermain",
    givenNames: "Zebedee",
    nhsNumber: "9990000018",
    mrn: "RXD1234567",
    published: { alerts: ["Zebedee Quartermain: falls risk"] },
  },
});

describe("ward cache at rest", () => {
  it("stores no name, NHS number or MRN in clear anywhere in IndexedDB", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([zebedee, entry("stay-b", { bed: "Bed 2" })]), now);
    const dump = await dumpDatabase(wardCacheDbName);
    expect(dump.stores).toEqual(expect.arrayContaining(["meta", "keys", "entries", "auditQueue"]));
    expect(dump.text).toContain(wardA); // the dump really reads the rows
    for (const secret of [
      "Zebedee",
      "Quartermain",
      "9990000018",
      "RXD1234567",
      "Bed 7",
      "user-1",
      "session-1",
    ]) {
      expect(dump.text).not.toContain(secret);
    }
  });

  it("stores the key as a non-extractable CryptoKey", async () => {
    await signIn();
    const { values } = await dumpDatabase(wardCacheDbName);
    const keys = values.flatMap((row) => Object.values(row as object)).filter((v) => v instanceof CryptoKey);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ extractable: false, algorithm: { name: "AES-GCM", length: 256 } });
  });
});

describe("reading", () => {
  it("returns a ward's entries decrypted and in bed order, with the sync time", async () => {
    const cache = await signIn();
    const entries = [
      entry("s10", { bed: "Bed 10" }),
      entry("s2", { bed: "Bed 2" }),
      entry("sx", { bed: null }),
    ];
    await applySyncPage(cache, lastPage([...entries, entry("sb", { wardId: wardB })]), now);
    const read = await readWard(cache, wardA, now);
    expect(read).toMatchObject({
      expired: false,
      asOf: "2025-03-01T10:00:00.000Z",
      expiresAt: now + 3_600_000,
    });
    expect(read.expired ? [] : read.entries.map((e) => e.stayId)).toEqual(["s2", "s10", "sx"]);
    expect(await readEntry(cache, "sb", now)).toMatchObject({ expired: false, entry: { wardId: wardB } });
    expect(await status(cache)).toMatchObject({ cursor: "cursor-1", entryCount: 4, pendingAuditReads: 0 });
  });

  it("dates the copy by when the round was complete, not when the server answered", async () => {
    const cache = await signIn();
    await applySyncPage(
      cache,
      lastPage([entry("s1")], {
        serverTime: "2025-03-01T10:00:05.000Z",
        completeAsOf: "2025-03-01T10:00:00.000Z",
      }),
      now,
    );
    // Later than a server read of the ward at 10:00:02 would make the copy outrank it, and drop
    // a patient admitted at 10:00:01 whom the round had not sent yet (view-reconcile.ts).
    expect(await readWard(cache, wardA, now)).toMatchObject({ asOf: "2025-03-01T10:00:00.000Z" });
  });

  it("shows nothing before the first round completes", async () => {
    const cache = await signIn();
    await applySyncPage(cache, page({ upserts: [entry("s1")], hasMore: true }), now);
    expect(await readWard(cache, wardA, now)).toEqual({ expired: true });
    expect((await status(cache)).entryCount).toBe(1);
  });

  it("after expiresAt answers expired even with data present, and deletes the rows", async () => {
    const cache = await signIn();
    await applySyncPage(cache, lastPage([zebedee], { cacheTtlSeconds: 60 }), now);
    expect((await readWard(cache, wardA, now + 60_000)).expired).toBe(false);
    expect(await readWard(cache, wardA, now + 60_001)).toEqual({ expired: true });
    expect(await readEntry(cache, "stay-z", now + 60_001)).toEqual({ expired: true });
    expect(await status(cache)).toMatchObject({ entryCount: 0, cursor: null, expiresAt: null });
  });
});
