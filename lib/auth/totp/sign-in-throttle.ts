/**
 * Throttling rules for phone sign-in, as pure functions (README "Sign-in throttling").
 *
 * A 6-digit code has a million values and three are live at once (±1 step), so an online guesser
 * needs ~330,000 tries on average; slowing each source of guesses is enough, and no rule here ever
 * locks an account. A hard lock would hand anyone who knows a username a way to keep its owner out
 * (five wrong codes every fifteen minutes, from anywhere), and answering "locked" only for real
 * accounts would tell them which usernames exist. So (NCSC "protect against brute force":
 * throttle, and alert, rather than lock out):
 *
 * - **Per device.** Failures are counted per (username as typed, client address), known user or
 *   not. After `freeFailures` the device waits `firstDelaySeconds` after its latest failure,
 *   doubling with each further failure up to `maxDelaySeconds`. A success from that device resets
 *   it; failures are forgotten `forgetAfterHours` after the latest one. A guesser elsewhere never
 *   touches the count of the user's own phone.
 * - **Per user, across devices.** When devices that failed in the last `attackWindowMinutes` hold
 *   `attackFailures` failures between them, the IG log gets one alert per window, and while that
 *   lasts a device that has failed backs off after `freeFailuresUnderAttack` failures instead.
 *   A device with no failures is never slowed.
 * - **Per address.** More than `perIpPerMinute` attempts a minute from one address are refused,
 *   which catches one guess sprayed across many usernames.
 */

export interface SignInPolicy {
  /** Attempts from one IP address per minute before answering "rate-limited". */
  perIpPerMinute: number;
  /** Failures one device (username + address) may make before it has to wait. */
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A device's failures are forgotten this long after its latest one. */
  forgetAfterHours: number;
  /** Failures against one username, across devices, that raise the IG alert. */
  attackFailures: number;
  attackWindowMinutes: number;
  /** `freeFailures` while the alert threshold is passed. */
  freeFailuresUnderAttack: number;
}

export const defaultSignInPolicy: SignInPolicy = {
  perIpPerMinute: 20,
  freeFailures: 5,
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  forgetAfterHours: 24,
  attackFailures: 50,
  attackWindowMinutes: 60,
  freeFailuresUnderAttack: 1,
};

/** One device's failures against one username, as stored (sign-in-backoff.ts). */
export interface DeviceFailures {
  failures: number;
  lastFailureAt: Date;
}

const second = 1000;
const minute = 60 * second;

/** The failures still remembered at `now` (none once `forgetAfterHours` have passed). */
export function rememberedFailures(
  device: DeviceFailures | null | undefined,
  now: Date,
  policy: SignInPolicy,
): number {
  if (!device) return 0;
  const age = now.getTime() - device.lastFailureAt.getTime();
  return age >= policy.forgetAfterHours * 60 * minute ? 0 : device.failures;
}

/** How long a device with `failures` failures waits after its latest one: 0, then 30 s, 60 s, ... */
export function delaySeconds(failures: number, freeFailures: number, policy: SignInPolicy): number {
  if (failures < freeFailures) return 0;
  const doublings = Math.min(failures - freeFailures, 30);
  return Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
}

/** Seconds this device must still wait before its code is checked (0: check it now). */
export function waitSeconds(input: {
  device: DeviceFailures | null | undefined;
  now: Date;
  policy: SignInPolicy;
  underAttack: boolean;
}): number {
  const { device, now, policy } = input;
  const failures = rememberedFailures(device, now, policy);
  if (!device || failures === 0) return 0;
  const free = input.underAttack ? policy.freeFailuresUnderAttack : policy.freeFailures;
  const until = device.lastFailureAt.getTime() + delaySeconds(failures, free, policy) * second;
  return Math.max(0, Math.ceil((until - now.getTime()) / second));
}

export function attackWindowStart(now: Date, policy: SignInPolicy): Date {
  return new Date(now.getTime() - policy.attackWindowMinutes * minute);
}

/** `userFailures`: failures held by devices that failed within the attack window. */
export function isUnderAttack(userFailures: number, policy: SignInPolicy): boolean {
  return userFailures >= policy.attackFailures;
}

/** Once per window: when the threshold is passed and no alert was raised within the window. */
export function shouldRaiseAlert(input: {
  userFailures: number;
  lastAlertAt: Date | null;
  now: Date;
  policy: SignInPolicy;
}): boolean {
  if (!isUnderAttack(input.userFailures, input.policy)) return false;
  return !input.lastAlertAt || input.lastAlertAt <= attackWindowStart(input.now, input.policy);
}

/** Back-off rows whose latest failure is older than this are forgotten (housekeeping deletes them). */
export function forgetBefore(now: Date, policy: SignInPolicy): Date {
  return new Date(now.getTime() - policy.forgetAfterHours * 60 * minute);
}

export function ipWindowStart(now: Date): Date {
  return new Date(now.getTime() - minute);
}

/** `attemptsInLastMinute` excludes the attempt being made now. */
export function isIpRateLimited(attemptsInLastMinute: number, policy: SignInPolicy): boolean {
  return attemptsInLastMinute + 1 > policy.perIpPerMinute;
}
