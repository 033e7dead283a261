/** Staff-facing messages for launcher refusals, and the DER-to-JOSE conversion the tests rely on. */
import { generateKeyPairSync, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { derToJose } from "./launch-token.test-kit";
import { launchRefusalReasons, userMessageFor } from "./launch-token-reasons";

describe("userMessageFor", () => {
  it("has a plain message for every reason, without jargon", () => {
    for (const reason of launchRefusalReasons) {
      const message = userMessageFor(reason);
      expect(message.length).toBeGreaterThan(20);
      expect(message).not.toMatch(/jwt|token|jti|signature|kid|alg/i);
    }
    expect(userMessageFor("revoked-device")).toBe(
      "This ward PC is no longer registered. Contact the service desk.",
    );
  });
});

describe("derToJose (RFC 7518 §3.4: ECDSA signatures are raw r||s in JWS)", () => {
  it("converts DER signatures, including ones with short or sign-padded integers", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    for (let i = 0; i < 200; i++) {
      const data = Buffer.from(`message ${i}`);
      const raw = derToJose(sign("sha256", data, privateKey));
      expect(raw).toHaveLength(64);
      expect(verify("sha256", data, { key: publicKey, dsaEncoding: "ieee-p1363" }, raw)).toBe(true);
    }
  });
});
