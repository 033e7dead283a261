/**
 * What "locked" means for one user now that no account is ever locked (sign-in-throttle.ts): a
 * device (the username plus one client address) that must still wait before its next code is
 * checked. The console shows it per user and an admin's "unlock" clears it (user-throttle.ts).
 * Pure: the stored device rows in, the same rules `signInWithTotp` applies out.
 */
import {
  attackWindowStart,
  type DeviceFailures,
  isUnderAttack,
  rememberedFailures,
  type SignInPolicy,
  waitSeconds,
} from "./sign-in-throttle";

export interface ThrottleStatus {
  /** Some device must wait before its next code is checked. */
  locked: boolean;
  /** When the last waiting device may try again (null when none waits). */
  until: Date | null;
  /** Devices with failures still remembered, and those failures. */
  devices: number;
  failures: number;
  /** Failures across devices within the attack window passed the IG alert threshold. */
  underAttack: boolean;
}

export function throttleStatus(
  devices: readonly DeviceFailures[],
  now: Date,
  policy: SignInPolicy,
): ThrottleStatus {
  const remembered = devices.filter((device) => rememberedFailures(device, now, policy) > 0);
  const windowStart = attackWindowStart(now, policy);
  // As userFailures() counts them: devices whose latest failure is inside the window.
  const inWindow = remembered
    .filter((device) => device.lastFailureAt > windowStart)
    .reduce((sum, device) => sum + device.failures, 0);
  const underAttack = isUnderAttack(inWindow, policy);
  const wait = Math.max(0, ...remembered.map((device) => waitSeconds({ device, now, policy, underAttack })));
  return {
    locked: wait > 0,
    until: wait > 0 ? new Date(now.getTime() + wait * 1000) : null,
    devices: remembered.length,
    failures: remembered.reduce((sum, device) => sum + device.failures, 0),
    underAttack,
  };
}
