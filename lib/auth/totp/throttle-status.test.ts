import { describe, expect, it } from "vitest";
import { defaultSignInPolicy as policy } from "./sign-in-throttle";
import { throttleStatus } from "./throttle-status";

const now = new Date("2026-12-04T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("throttleStatus", () => {
  it("is not locked with no devices, or with fewer failures than are free", () => {
    expect(throttleStatus([], now, policy)).toEqual({
      locked: false,
      until: null,
      devices: 0,
      failures: 0,
      underAttack: false,
    });
    expect(throttleStatus([{ failures: 4, lastFailureAt: ago(1) }], now, policy).locked).toBe(false);
  });

  it("is locked while a device waits, until the latest wait ends", () => {
    // Five failures: 30 s from the latest; six: 60 s.
    const status = throttleStatus(
      [
        { failures: 5, lastFailureAt: ago(10) },
        { failures: 6, lastFailureAt: ago(10) },
      ],
      now,
      policy,
    );
    expect(status).toMatchObject({ locked: true, devices: 2, failures: 11, underAttack: false });
    expect(status.until).toEqual(new Date(now.getTime() + 50_000));
    expect(throttleStatus([{ failures: 5, lastFailureAt: ago(31) }], now, policy).locked).toBe(false);
  });

  it("forgets failures a day old", () => {
    expect(throttleStatus([{ failures: 40, lastFailureAt: ago(25 * 3600) }], now, policy)).toMatchObject({
      locked: false,
      devices: 0,
    });
  });

  it("under attack, a device that has failed once waits too", () => {
    const devices = [
      { failures: 49, lastFailureAt: ago(1000) },
      { failures: 1, lastFailureAt: ago(5) },
    ];
    // The first device's 15-minute wait is over; the second waits only because of the attack.
    expect(throttleStatus(devices, now, policy)).toMatchObject({ locked: true, underAttack: true });
    expect(throttleStatus(devices.slice(0, 1), now, policy)).toMatchObject({
      locked: false,
      underAttack: false,
    });
  });
});
