/**
 * TOTP as Google Authenticator and Microsoft Authenticator implement it: RFC 6238 with HMAC-SHA-1,
 * 6 digits and a 30-second step from the Unix epoch (T0 = 0). A thin, pure wrapper over otplib v13
 * so the parameters are fixed in one place and nothing else imports otplib.
 */
import { generate, generateSecret, generateURI, verify } from "otplib";
import type { AppEnvironment } from "@/lib/env";

/** RFC 6238 §4.1: X, the time step in seconds. */
export const totpPeriodSeconds = 30;
const digits = 6;
/**
 * RFC 6238 §5.2 allows for clock drift and transmission delay; one step either side covers a phone
 * clock up to ~30 s off without widening the guessing window much (3 codes live at any moment).
 */
const driftSeconds = totpPeriodSeconds;

/** RFC 6238 §4.2: T = floor((unix time - T0) / X). */
export function timeStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpPeriodSeconds);
}

/** 160 random bits, base32: the length RFC 4226 §4 (R6) recommends for the shared secret. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** "Downtime" in production; non-production apps are labelled so staff can tell them apart. */
export function totpIssuer(environment: AppEnvironment): string {
  return environment === "prod" ? "Downtime" : `Downtime (${environment.toUpperCase()})`;
}

/** The otpauth:// URI (Google Authenticator "Key Uri Format") that the enrolment QR code carries. */
export function otpauthUri(input: { secret: string; username: string; environment: AppEnvironment }): string {
  return generateURI({
    issuer: totpIssuer(input.environment),
    label: input.username,
    secret: input.secret,
    algorithm: "sha1",
    digits,
    period: totpPeriodSeconds,
  });
}

/** People type "123 456" or paste with spaces; anything other than six digits is simply wrong. */
export function normaliseCode(code: string): string | undefined {
  const compact = code.replace(/\s+/g, "");
  return /^\d{6}$/.test(compact) ? compact : undefined;
}

export interface TotpCheck {
  secret: string;
  code: string;
  now: Date;
  /** The last time step accepted for this credential; this and earlier steps are refused (replay). */
  lastTimeStep?: number | null;
}

/** Verifies a code within ±1 step; returns the matched time step to store against replay. */
export async function verifyTotp(check: TotpCheck): Promise<{ valid: boolean; timeStep?: number }> {
  const code = normaliseCode(check.code);
  if (!code) return { valid: false };
  const last = check.lastTimeStep ?? undefined;
  // otplib refuses an afterTimeStep beyond the window; such a credential cannot accept anything now.
  if (last !== undefined && last >= timeStepAt(check.now) + 1) return { valid: false };
  const result = await verify({
    secret: check.secret,
    token: code,
    epoch: Math.floor(check.now.getTime() / 1000),
    period: totpPeriodSeconds,
    digits,
    algorithm: "sha1",
    epochTolerance: driftSeconds,
    afterTimeStep: last,
  });
  // The functional API's result type also covers HOTP, whose results have no time step.
  if (!result.valid || !("timeStep" in result)) return { valid: false };
  // Belt and braces: the replay rule (RFC 6238 §5.2, "MUST NOT accept the second attempt").
  if (last !== undefined && result.timeStep <= last) return { valid: false };
  return { valid: true, timeStep: result.timeStep };
}

/** The code a phone would show at `now` (tests and the demo data only). */
export function totpCodeAt(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000), period: totpPeriodSeconds, digits });
}
