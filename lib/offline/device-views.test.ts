import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { entry, lastPage, wardA, wardB } from "./census-entries.test-kit";
import { deviceReads, queueDeviceReads, readDeviceEntry, readDeviceWard } from "./device-views";
import { applySyncPage, drainAuditQueue, openWardCache, wipeCache } from "./ward-cache";

const identity = { userId: "user-1", sessionId: "session-1" };
const syncedAt = Date.parse("2025-03-01T10:00:05.000Z");

async function syncDevice(entries = [entry("s1"), entry("s2", { bed: "Bed 2" })]) {
  const cache = await openWardCache(identity);
  await applySyncPage(cache, lastPage(entries), syncedAt);
  cache.db.close();
}

afterEach(async () => {
  await wipeCache("sign-out");
});

describe("device views", () => {
  it("read a ward and a patient from the copy with its as-of time, and close the database after", async () => {
    await syncDevice();
    const ward = await readDeviceWard(identity, wardA, syncedAt + 1000);
    expect(ward.kind).toBe("found");
    if (ward.kind !== "found") return;
    expect(ward.value.source).toBe("device");
    expect(ward.value.asOf).toBe("2025-03-01T10:00:00.000Z");
    expect(ward.value.entries.map((e) => e.stayId)).toEqual(["s1", "s2"]);
    const patient = await readDeviceEntry(identity, "s2", syncedAt + 1000);
    expect(patient).toMatchObject({ kind: "found", value: { entry: { bed: "Bed 2" } } });
    // Nothing left open: deleting the database is not blocked by a screen that read it.
    await expect(wipeCache("sign-out")).resolves.toEqual({ reason: "sign-out" });
  });

  it("say 'none' with no identity or no copy of that ward, and 'expired' past the TTL", async () => {
    expect(await readDeviceWard(null, wardA)).toEqual({ kind: "none" });
    await syncDevice();
    expect(await readDeviceWard(identity, wardB, syncedAt)).toEqual({ kind: "none" });
    expect(await readDeviceEntry(identity, "nobody", syncedAt)).toEqual({ kind: "none" });
    const afterTtl = syncedAt + 3600 * 1000 + 1;
    expect(await readDeviceWard(identity, wardA, afterTtl)).toEqual({ kind: "expired" });
    expect(await readDeviceEntry(identity, "s1", afterTtl)).toEqual({ kind: "expired" });
  });

  it("queue patients shown from the copy for the audit log, with the ward view when the server never answered", async () => {
    await syncDevice();
    const shown = [entry("s1"), entry("s2")];
    expect(deviceReads(shown, null, "2025-03-01T10:01:00.000Z").map((r) => r.action)).toEqual([
      "patient.view",
      "patient.view",
    ]);
    await queueDeviceReads(identity, deviceReads(shown, wardA, "2025-03-01T10:01:00.000Z"));
    const cache = await openWardCache(identity);
    const uploaded: unknown[] = [];
    await drainAuditQueue(cache, async (events) => {
      uploaded.push(...events);
    });
    cache.db.close();
    expect(uploaded).toMatchObject([
      { action: "ward.view", wardId: wardA, patientId: null },
      { action: "patient.view", stayId: "s1", patientId: "P-s1", at: "2025-03-01T10:01:00.000Z" },
      { action: "patient.view", stayId: "s2", patientId: "P-s2" },
    ]);
  });
});
