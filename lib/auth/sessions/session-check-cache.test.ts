import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { createSessionCheckCache, sessionRecheckMs } from "./session-check-cache";

const principal: Principal = {
  userId: "u1",
  username: "RXD\\nurse",
  displayName: "Nurse",
  roles: ["clinician"],
  sessionId: "s1",
  method: "byod",
  ip: "10.0.0.1",
  userAgent: "phone",
};
const at = (ms: number, ip = "10.0.0.1") => ({
  ip,
  userAgent: "phone",
  now: new Date(1_800_000_000_000 + ms),
});

describe("session check cache", () => {
  it("re-reads a session at least every 5 s, so a revocation elsewhere is refused within that", async () => {
    expect(sessionRecheckMs).toBe(5_000);
    const cache = createSessionCheckCache();
    let revoked = false;
    let reads = 0;
    const load = async () => {
      reads++;
      return revoked ? null : principal;
    };
    expect(await cache.check("s1", at(0), load)).toEqual(principal);
    revoked = true; // another instance signs the session out
    expect(await cache.check("s1", at(sessionRecheckMs - 1), load)).toEqual(principal);
    expect(reads).toBe(1);
    expect(await cache.check("s1", at(sessionRecheckMs), load)).toBeNull();
    expect(await cache.check("s1", at(sessionRecheckMs + 1), load)).toBeNull();
    expect(reads).toBe(3); // a refused session is never remembered
  });

  it("refuses at once a session this process ended, and re-reads after the clock goes back", async () => {
    const cache = createSessionCheckCache();
    let live = true;
    const load = async () => (live ? principal : null);
    await cache.check("s1", at(1_000), load);
    live = false;
    cache.forget("s1");
    expect(await cache.check("s1", at(1_001), load)).toBeNull();
    live = true;
    await cache.check("s1", at(1_000), load);
    live = false;
    expect(await cache.check("s1", at(500), load)).toBeNull();
  });

  it("takes the address and browser from each request, not from the remembered check", async () => {
    const cache = createSessionCheckCache();
    await cache.check("s1", at(0), async () => principal);
    const again = await cache.check("s1", at(10, "10.9.9.9"), async () => null);
    expect(again).toMatchObject({ userId: "u1", sessionId: "s1", ip: "10.9.9.9" });
  });
});
