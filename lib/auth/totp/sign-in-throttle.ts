/**
 * Throttling rules for phone sign-in, as pure functions. A 6-digit code has a million values and
 * three are live at once (±1 step), so an online guesser needs ~330,000 tries on average: locking
 * after a handful of failures (NCSC "protect against brute force" guidance: throttle or lock out
 * after a small number of failed attempts) makes guessing hopeless while a real user, who sees the
 * code on their phone, rarely fails more than once or twice. The per-IP limit slows spraying one
 * guess across many usernames, which per-account counting would never see.
 */

export interface SignInPolicy {
  /** Failures in the window that lock the account. */
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
  /** Attempts from one IP address per minute before answering "rate-limited". */
  perIpPerMinute: number;
}

export const defaultSignInPolicy: SignInPolicy = {
  maxFailures: 5,
  windowMinutes: 15,
  lockMinutes: 15,
  perIpPerMinute: 20,
};

const minute = 60_000;

export function isLocked(lockedUntil: Date | null | undefined, now: Date): boolean {
  return lockedUntil != null && lockedUntil.getTime() > now.getTime();
}

/**
 * Failures count from the later of: the start of the window, the end of the last lock (a user
 * gets a fresh set of tries once a lock expires, rather than being re-locked by the attempts made
 * while locked), and the last successful sign-in.
 */
export function failureWindowStart(input: {
  now: Date;
  policy: SignInPolicy;
  lockedUntil?: Date | null;
  lastSuccessAt?: Date | null;
}): Date {
  const candidates = [input.now.getTime() - input.policy.windowMinutes * minute];
  if (input.lockedUntil) candidates.push(input.lockedUntil.getTime());
  if (input.lastSuccessAt) candidates.push(input.lastSuccessAt.getTime());
  return new Date(Math.max(...candidates));
}

/** `failures` includes the attempt just made. */
export function shouldLock(failures: number, policy: SignInPolicy): boolean {
  return failures >= policy.maxFailures;
}

export function lockedUntilFrom(now: Date, policy: SignInPolicy): Date {
  return new Date(now.getTime() + policy.lockMinutes * minute);
}

export function ipWindowStart(now: Date): Date {
  return new Date(now.getTime() - minute);
}

/** `attemptsInLastMinute` excludes the attempt being made now. */
export function isIpRateLimited(attemptsInLastMinute: number, policy: SignInPolicy): boolean {
  return attemptsInLastMinute + 1 > policy.perIpPerMinute;
}

/** Seconds until a lock ends, for a Retry-After style hint. */
export function secondsUntil(lockedUntil: Date, now: Date): number {
  return Math.max(0, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
}
