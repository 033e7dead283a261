import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OfflineRead } from "./census-entry-schema";
import { cacheIdentity, rememberCacheIdentity } from "./offline-identity";
import { signOutDevice } from "./sign-out-device";
import { openWardCache, queueOfflineRead, wipeCache } from "./ward-cache";

const identity = { userId: "user-1", sessionId: "session-1" };

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

async function deviceWithQueuedReads(count: number): Promise<void> {
  rememberCacheIdentity(identity);
  const cache = await openWardCache(identity);
  for (let index = 0; index < count; index++) {
    await queueOfflineRead(cache, {
      action: "patient.view",
      at: "2026-12-01T03:00:00.000Z",
      stayId: `stay-${index}`,
      patientId: `patient-${index}`,
    });
  }
  cache.db.close();
}

async function queuedReadsLeft(): Promise<number> {
  const cache = await openWardCache(identity);
  try {
    return await cache.db.auditQueue.count();
  } finally {
    cache.db.close();
  }
}

beforeEach(() => {
  vi.stubGlobal("localStorage", memoryStorage());
});

afterEach(async () => {
  await wipeCache("sign-out");
  vi.unstubAllGlobals();
});

describe("signing out on a device", () => {
  it("uploads the reads queued offline before it wipes the copy", async () => {
    await deviceWithQueuedReads(3);
    const sent: OfflineRead[] = [];
    const fate = await signOutDevice({ upload: async (events) => void sent.push(...events) });
    expect(fate).toEqual({ uploaded: 3 });
    expect(sent.map((event) => event.stayId).sort()).toEqual(["stay-0", "stay-1", "stay-2"]);
    expect(sent.every((event) => event.sessionId === "session-1")).toBe(true);
    expect(cacheIdentity()).toBeNull();
    expect(await queuedReadsLeft()).toBe(0);
  });

  it("still wipes the copy when the upload fails", async () => {
    await deviceWithQueuedReads(2);
    const fate = await signOutDevice({
      upload: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    expect(fate).toBe("not-sent");
    expect(cacheIdentity()).toBeNull();
    expect(await queuedReadsLeft()).toBe(0);
  });

  it("does not hang on a connection that never answers", async () => {
    await deviceWithQueuedReads(1);
    const fate = await signOutDevice({ upload: () => new Promise(() => {}), uploadTimeoutMs: 50 });
    expect(fate).toBe("not-sent");
    expect(cacheIdentity()).toBeNull();
  });

  it("says when there was nothing to send", async () => {
    await deviceWithQueuedReads(0);
    expect(await signOutDevice({ upload: async () => {} })).toBe("none-queued");
  });
});
