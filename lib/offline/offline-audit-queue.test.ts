import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OfflineRead } from "./census-entry-schema";
import { dumpDatabase } from "./raw-idb";
import {
  drainAuditQueue,
  openWardCache,
  queueOfflineRead,
  status,
  type WardCache,
  wipeCache,
} from "./ward-cache";
import { wardCacheDbName } from "./ward-cache-db";

const open: WardCache[] = [];

async function signIn(sessionId = "session-1"): Promise<WardCache> {
  const cache = await openWardCache({ userId: "user-1", sessionId });
  open.push(cache);
  return cache;
}

afterEach(async () => {
  for (const cache of open.splice(0)) cache.db.close();
  await wipeCache("sign-out");
});

const read = (stayId: string) =>
  ({ action: "patient.view", at: "2025-03-01T10:01:00.000Z", stayId, patientId: "patient-zq" }) as const;

describe("offline audit queue", () => {
  it("keeps reads sealed: no patient id in clear", async () => {
    const cache = await signIn();
    await queueOfflineRead(cache, read("stay-q"));
    const { text } = await dumpDatabase(wardCacheDbName);
    expect(text).not.toContain("patient-zq");
    expect(text).not.toContain("stay-q");
  });

  it("survives failed uploads and a reopen; leaves only after a successful upload", async () => {
    const first = await signIn();
    await queueOfflineRead(first, read("s1"));
    await queueOfflineRead(first, read("s2"));
    const offline = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(drainAuditQueue(first, offline)).rejects.toThrow("Failed to fetch");
    first.db.close();

    const again = await signIn();
    expect((await status(again)).pendingAuditReads).toBe(2);
    const uploaded: OfflineRead[][] = [];
    expect(await drainAuditQueue(again, async (events) => void uploaded.push(events))).toEqual({
      uploaded: 2,
    });
    expect(uploaded.flat().map((e) => e.stayId)).toEqual(["s1", "s2"]);
    expect(new Set(uploaded.flat().map((e) => e.eventId)).size).toBe(2);
    expect((await status(again)).pendingAuditReads).toBe(0);
  });

  it("uploads in batches, removing each batch only after it is accepted", async () => {
    const cache = await signIn();
    for (const stayId of ["s1", "s2", "s3"]) await queueOfflineRead(cache, read(stayId));
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 2) throw new Error("503");
    };
    await expect(drainAuditQueue(cache, flaky, 2)).rejects.toThrow("503");
    expect((await status(cache)).pendingAuditReads).toBe(1);
  });

  it("uploads reads queued in an earlier session, then forgets that session's key", async () => {
    const first = await signIn("session-1");
    await queueOfflineRead(first, read("s1"));
    first.db.close();
    const second = await signIn("session-2");
    expect(await second.db.keys.count()).toBe(2);
    const upload = vi.fn(async (_events: OfflineRead[]) => {});
    expect(await drainAuditQueue(second, upload)).toEqual({ uploaded: 1 });
    // Named by the session whose copy was read, so the server checks it against what that
    // session was sent (lib/sync/offline-reads.ts), not against the uploading session's copy.
    expect(upload.mock.calls[0]?.[0]).toMatchObject([
      { stayId: "s1", action: "patient.view", sessionId: "session-1" },
    ]);
    expect(await second.db.keys.count()).toBe(1);
  });

  it("rejects an event that is not an offline read", async () => {
    const cache = await signIn();
    const bad = { ...read("s1"), action: "purge.run" } as unknown as Parameters<typeof queueOfflineRead>[1];
    await expect(queueOfflineRead(cache, bad)).rejects.toThrow();
  });
});
