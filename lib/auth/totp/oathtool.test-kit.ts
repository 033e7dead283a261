/**
 * Test helper: codes from Debian's oathtool (liboath), an implementation that shares no code with
 * otplib, so agreeing with it is an independent check of RFC 6238.
 */
import { spawnSync } from "node:child_process";

export function oathtool(base32Secret: string, at: Date): string {
  const time = `${at.toISOString().replace("T", " ").slice(0, 19)} UTC`;
  const run = spawnSync("/usr/bin/oathtool", ["--totp", "-b", base32Secret, "-N", time], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`oathtool failed: ${run.stderr}`);
  return run.stdout.trim();
}

/** The base32 secret inside an otpauth:// URI (what the phone reads from the QR code). */
export function secretOf(uri: string): string {
  const secret = new URL(uri).searchParams.get("secret");
  if (!secret) throw new Error("otpauth URI without a secret");
  return secret;
}
