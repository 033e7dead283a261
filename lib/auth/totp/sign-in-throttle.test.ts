import { describe, expect, it } from "vitest";
import {
  failureWindowStart,
  ipWindowStart,
  isIpRateLimited,
  isLocked,
  lockedUntilFrom,
  defaultSignInPolicy as policy,
  secondsUntil,
  shouldLock,
} from "./sign-in-throttle";

const now = new Date("2026-11-20T08:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe("sign-in throttle", () => {
  it("locks on the fifth failure for fifteen minutes", () => {
    expect(shouldLock(4, policy)).toBe(false);
    expect(shouldLock(5, policy)).toBe(true);
    expect(lockedUntilFrom(now, policy)).toEqual(minutes(15));
    expect(isLocked(minutes(15), minutes(14))).toBe(true);
    expect(isLocked(minutes(15), minutes(15))).toBe(false);
    expect(isLocked(null, now)).toBe(false);
    expect(secondsUntil(minutes(15), minutes(14))).toBe(60);
  });

  it("counts failures from the latest of window start, lock end and last success", () => {
    expect(failureWindowStart({ now, policy })).toEqual(minutes(-15));
    expect(failureWindowStart({ now, policy, lockedUntil: minutes(-5) })).toEqual(minutes(-5));
    expect(
      failureWindowStart({ now, policy, lockedUntil: minutes(-30), lastSuccessAt: minutes(-2) }),
    ).toEqual(minutes(-2));
  });

  it("rate-limits the attempt after perIpPerMinute in one minute", () => {
    expect(isIpRateLimited(19, policy)).toBe(false);
    expect(isIpRateLimited(20, policy)).toBe(true);
    expect(ipWindowStart(now)).toEqual(minutes(-1));
  });
});
