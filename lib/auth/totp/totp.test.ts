/**
 * TOTP against independent references: RFC 6238 Appendix B (SHA-1 rows, recomputed with
 * node:crypto) and Debian's oathtool, which shares no code with otplib.
 */
import { createHmac } from "node:crypto";
import { createGuardrails, generate } from "otplib";
import { describe, expect, it } from "vitest";
import { oathtool } from "./oathtool.test-kit";
import { newTotpSecret, normaliseCode, otpauthUri, timeStepAt, totpIssuer, verifyTotp } from "./totp";

/** RFC 6238 Appendix B, SHA-1, seed "12345678901234567890" (20 ASCII bytes), 8 digits. */
const vectors: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];
const rfcSeed = Buffer.from("12345678901234567890", "ascii");

/** RFC 4226 §5.3 dynamic truncation, written out independently of otplib. */
function hotp(key: Buffer, counter: number, length: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[19]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** length).padStart(length, "0");
}

describe("RFC 6238 Appendix B (SHA-1)", () => {
  it.each(vectors)("at %i the code is %s (node:crypto and otplib agree)", async (seconds, expected) => {
    expect(hotp(rfcSeed, Math.floor(seconds / 30), 8)).toBe(expected);
    const viaOtplib = await generate({
      secret: new Uint8Array(rfcSeed),
      epoch: seconds,
      digits: 8,
      guardrails: createGuardrails({ MAX_COUNTER: Number.MAX_SAFE_INTEGER }),
    });
    expect(viaOtplib).toBe(expected);
  });
});

describe("verifyTotp", () => {
  const secret = newTotpSecret();
  const now = new Date("2026-11-20T08:00:10Z");
  const at = (steps: number) => new Date(now.getTime() + steps * 30_000);

  it("makes 160-bit base32 secrets", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it("accepts oathtool's code and reports the RFC 6238 time step", async () => {
    expect(await verifyTotp({ secret, code: oathtool(secret, now), now })).toEqual({
      valid: true,
      timeStep: timeStepAt(now),
    });
    expect(timeStepAt(now)).toBe(Math.floor(now.getTime() / 30_000));
  });

  it("accepts one step of drift either way and refuses two", async () => {
    for (const drift of [-1, 1]) {
      expect(await verifyTotp({ secret, code: oathtool(secret, at(drift)), now })).toMatchObject({
        valid: true,
      });
    }
    for (const drift of [-2, 2]) {
      expect(await verifyTotp({ secret, code: oathtool(secret, at(drift)), now })).toEqual({ valid: false });
    }
  });

  it("refuses a replayed step, and any step at or before the last one used", async () => {
    const code = oathtool(secret, now);
    const first = await verifyTotp({ secret, code, now });
    expect(await verifyTotp({ secret, code, now, lastTimeStep: first.timeStep })).toEqual({ valid: false });
    const earlier = oathtool(secret, at(-1));
    expect(await verifyTotp({ secret, code: earlier, now, lastTimeStep: first.timeStep })).toEqual({
      valid: false,
    });
    const later = oathtool(secret, at(1));
    expect(await verifyTotp({ secret, code: later, now, lastTimeStep: first.timeStep })).toMatchObject({
      valid: true,
    });
    expect(await verifyTotp({ secret, code: later, now, lastTimeStep: first.timeStep! + 5 })).toEqual({
      valid: false,
    });
  });

  it("refuses malformed codes without throwing and tolerates spaces", async () => {
    for (const code of ["", "12345", "1234567", "12ab56", "<script>"]) {
      expect(await verifyTotp({ secret, code, now })).toEqual({ valid: false });
    }
    const spaced = oathtool(secret, now).replace(/^(\d{3})/, "$1 ");
    expect(normaliseCode(spaced)).toHaveLength(6);
    expect(await verifyTotp({ secret, code: spaced, now })).toMatchObject({ valid: true });
  });

  it("labels the issuer by environment and uses the username as the account", () => {
    expect(totpIssuer("prod")).toBe("Downtime");
    expect(totpIssuer("cert")).toBe("Downtime (CERT)");
    const uri = new URL(otpauthUri({ secret, username: "trust\\jbloggs", environment: "cert" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Downtime (CERT):trust\\jbloggs");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Downtime (CERT)");
  });
});
