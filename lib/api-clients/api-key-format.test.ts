import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  apiKeyFromHeaders,
  generateApiKey,
  hashApiKey,
  maskedApiKey,
  parseApiKey,
  secretMatchesHash,
} from "./api-key-format";

describe("generateApiKey", () => {
  it("makes dtk_<8 base32>_<43 base64url> keys that parse back to their parts", () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^dtk_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$/);
    expect(generated.key).toBe(`dtk_${generated.prefix}_${generated.secret}`);
    expect(Buffer.from(generated.secret, "base64url")).toHaveLength(32);
    expect(parseApiKey(generated.key)).toEqual({ prefix: generated.prefix, secret: generated.secret });
  });

  it("does not repeat itself", () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey());
    expect(new Set(keys.map((key) => key.prefix)).size).toBe(200);
    expect(new Set(keys.map((key) => key.secret)).size).toBe(200);
  });

  it("parses secrets that contain the separator (base64url uses _ and -)", () => {
    const secret = `_-${"a".repeat(39)}__`;
    expect(parseApiKey(`dtk_abcd2345_${secret}`)).toEqual({ prefix: "abcd2345", secret });
  });
});

describe("parseApiKey", () => {
  const good = generateApiKey().key;

  it.each([
    ["empty", ""],
    ["wrong marker", good.replace("dtk_", "dtx_")],
    ["upper-case prefix", `dtk_ABCD2345_${good.slice(13)}`],
    ["prefix outside base32 (0, 1, 8, 9)", `dtk_abcd0189_${good.slice(13)}`],
    ["short secret", good.slice(0, -1)],
    ["long secret", `${good}A`],
    ["padding", `${good.slice(0, -1)}=`],
    ["whitespace", ` ${good.slice(1)}`],
    ["bearer header value", `Bearer ${good}`],
  ])("refuses %s", (_, text) => {
    expect(parseApiKey(text)).toBeNull();
  });
});

describe("hashApiKey and secretMatchesHash", () => {
  it("is the SHA-256 hex of the secret, not the key", () => {
    const { secret, key } = generateApiKey();
    expect(hashApiKey(secret)).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(hashApiKey(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(secret)).not.toContain(secret);
    expect(hashApiKey(secret)).not.toBe(hashApiKey(key));
  });

  it("matches the right secret only, and tolerates a corrupt stored hash", () => {
    const { secret } = generateApiKey();
    const stored = hashApiKey(secret);
    expect(secretMatchesHash(secret, stored)).toBe(true);
    expect(secretMatchesHash(generateApiKey().secret, stored)).toBe(false);
    expect(secretMatchesHash(secret, stored.slice(0, 10))).toBe(false);
    expect(secretMatchesHash(secret, "")).toBe(false);
  });
});

describe("apiKeyFromHeaders", () => {
  const key = generateApiKey().key;

  it("reads Authorization: Bearer, with the scheme in any case", () => {
    expect(apiKeyFromHeaders(new Headers({ authorization: `Bearer ${key}` }))).toBe(key);
    expect(apiKeyFromHeaders(new Headers({ authorization: `bearer ${key}` }))).toBe(key);
  });

  it("reads X-API-Key, trimmed", () => {
    expect(apiKeyFromHeaders(new Headers({ "x-api-key": ` ${key} ` }))).toBe(key);
  });

  it("prefers Bearer, and ignores other schemes so X-API-Key works behind a proxy's Basic auth", () => {
    const other = generateApiKey().key;
    expect(apiKeyFromHeaders(new Headers({ authorization: `Bearer ${key}`, "x-api-key": other }))).toBe(key);
    expect(apiKeyFromHeaders(new Headers({ authorization: "Basic dXNlcjpwYXNz", "x-api-key": key }))).toBe(
      key,
    );
  });

  it("returns null when no key is given", () => {
    expect(apiKeyFromHeaders(new Headers())).toBeNull();
    expect(apiKeyFromHeaders(new Headers({ authorization: "Basic dXNlcjpwYXNz" }))).toBeNull();
    expect(apiKeyFromHeaders(new Headers({ authorization: "Bearer" }))).toBeNull();
    expect(apiKeyFromHeaders(new Headers({ "x-api-key": "  " }))).toBeNull();
  });
});

describe("maskedApiKey", () => {
  it("shows the prefix only", () => {
    expect(maskedApiKey("abcd2345")).toBe("dtk_abcd2345_…");
  });
});
