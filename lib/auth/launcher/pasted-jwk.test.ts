import { describe, expect, it } from "vitest";
import { jwkFromPastedText } from "./pasted-jwk";

const jwk =
  '{"kty":"EC","crv":"P-256","x":"fuXtsK3btFzwhNVTn_FQSjIL0D8Gvu438DeWwSN5_4k","y":"O5iQYosyUqcKSvZAkkpMh3gJzlgbkVi2x8Cfs5s4z7I","kid":"TEST-PC","alg":"ES256","use":"sig"}';

describe("jwkFromPastedText", () => {
  it("takes the JWK out of the whole keygen output", () => {
    const output = `Wrote C:\\ProgramData\\Downtime\\TEST-PC.private.pem. Register this public key (it is not secret):\n${jwk}\nThumbprint (RFC 7638): 4ZQX9W3kpKeux6bW7HafbxMY9GSi2MoSOwKf_V8GL9Y\n`;
    expect(jwkFromPastedText(output, "TEST-PC")).toBe(jwk);
    expect(jwkFromPastedText(`  ${jwk}  `, "TEST-PC")).toBe(jwk);
  });

  it("refuses another PC's key, naming both ids", () => {
    expect(() => jwkFromPastedText(jwk, "WARDPC-OAK-01")).toThrow(/made for TEST-PC, not WARDPC-OAK-01/);
  });

  it("accepts a JWK without a kid, and leaves text that is not JSON for the key parser", () => {
    const bare = '{"kty":"OKP","crv":"Ed25519","x":"abc"}';
    expect(jwkFromPastedText(bare, "ANY")).toBe(bare);
    expect(jwkFromPastedText("not a key", "ANY")).toBe("not a key");
  });

  it("asks for a key when nothing was pasted", () => {
    expect(() => jwkFromPastedText("  \n", "ANY")).toThrow(/Paste the public key/);
  });
});
