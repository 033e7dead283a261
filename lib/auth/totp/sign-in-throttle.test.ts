import { describe, expect, it } from "vitest";
import {
  attackWindowStart,
  delaySeconds,
  forgetBefore,
  ipWindowStart,
  isIpRateLimited,
  isUnderAttack,
  defaultSignInPolicy as policy,
  rememberedFailures,
  shouldRaiseAlert,
  waitSeconds,
} from "./sign-in-throttle";

const now = new Date("2026-11-20T08:00:00Z");
const seconds = (n: number) => new Date(now.getTime() + n * 1000);
const minutes = (n: number) => seconds(n * 60);

describe("per-device back-off", () => {
  it("lets five failures through, then waits 30 s, doubling to a cap of 15 minutes", () => {
    expect([0, 1, 4].map((n) => delaySeconds(n, policy.freeFailures, policy))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map((n) => delaySeconds(n, policy.freeFailures, policy))).toEqual([
      30, 60, 120, 240, 480, 900,
    ]);
    expect(delaySeconds(11, policy.freeFailures, policy)).toBe(900);
    expect(delaySeconds(10_000, policy.freeFailures, policy)).toBe(900);
  });

  it("counts the wait from the latest failure", () => {
    const device = { failures: 5, lastFailureAt: now };
    expect(waitSeconds({ device, now, policy, underAttack: false })).toBe(30);
    expect(waitSeconds({ device, now: seconds(29.2), policy, underAttack: false })).toBe(1);
    expect(waitSeconds({ device, now: seconds(30), policy, underAttack: false })).toBe(0);
    expect(
      waitSeconds({ device: { failures: 4, lastFailureAt: now }, now, policy, underAttack: false }),
    ).toBe(0);
    expect(waitSeconds({ device: null, now, policy, underAttack: true })).toBe(0);
  });

  it("forgets a device's failures a day after the latest", () => {
    const device = { failures: 9, lastFailureAt: now };
    expect(rememberedFailures(device, minutes(24 * 60 - 1), policy)).toBe(9);
    expect(rememberedFailures(device, minutes(24 * 60), policy)).toBe(0);
    expect(waitSeconds({ device, now: minutes(24 * 60), policy, underAttack: true })).toBe(0);
    expect(forgetBefore(now, policy)).toEqual(minutes(-24 * 60));
  });
});

describe("per-user threshold across devices", () => {
  it("is passed at 50 failures in the hour", () => {
    expect(isUnderAttack(49, policy)).toBe(false);
    expect(isUnderAttack(50, policy)).toBe(true);
    expect(attackWindowStart(now, policy)).toEqual(minutes(-60));
  });

  it("makes a failing device wait after one failure, and never slows one that has not failed", () => {
    const once = { failures: 1, lastFailureAt: now };
    expect(waitSeconds({ device: once, now, policy, underAttack: false })).toBe(0);
    expect(waitSeconds({ device: once, now, policy, underAttack: true })).toBe(30);
    expect(waitSeconds({ device: { failures: 0, lastFailureAt: now }, now, policy, underAttack: true })).toBe(
      0,
    );
  });

  it("raises the alert once per window", () => {
    const at = (userFailures: number, lastAlertAt: Date | null) =>
      shouldRaiseAlert({ userFailures, lastAlertAt, now, policy });
    expect(at(49, null)).toBe(false);
    expect(at(50, null)).toBe(true);
    expect(at(80, minutes(-59))).toBe(false);
    expect(at(80, minutes(-60))).toBe(true);
  });
});

describe("per-address limit", () => {
  it("rate-limits the attempt after perIpPerMinute in one minute", () => {
    expect(isIpRateLimited(19, policy)).toBe(false);
    expect(isIpRateLimited(20, policy)).toBe(true);
    expect(ipWindowStart(now)).toEqual(minutes(-1));
  });
});
