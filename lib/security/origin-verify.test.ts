import { describe, expect, it } from "vitest";
import { originVerified, originVerifyHeader, parseOriginSecrets } from "./origin-verify";

const current = "c".repeat(48);
const previous = "p".repeat(48);

describe("parseOriginSecrets", () => {
  it("reads the current and the previous value", () => {
    expect(parseOriginSecrets(` ${current} , ${previous} `)).toEqual([current, previous]);
  });

  it("refuses a missing or short secret with a message naming the variable", () => {
    expect(() => parseOriginSecrets(undefined)).toThrow(/ORIGIN_VERIFY_SECRETS is required/);
    expect(() => parseOriginSecrets("short")).toThrow(/at least 32 characters/);
  });
});

describe("originVerified", () => {
  it("accepts either accepted value, so rotation refuses nobody", () => {
    expect(originVerified({ [originVerifyHeader]: current }, [current, previous])).toBe(true);
    expect(originVerified({ [originVerifyHeader]: previous }, [current, previous])).toBe(true);
  });

  it("refuses a request without the header, with another value, or with a prefix of it", () => {
    expect(originVerified({}, [current])).toBe(false);
    expect(originVerified(undefined, [current])).toBe(false);
    expect(originVerified({ [originVerifyHeader]: "x".repeat(48) }, [current])).toBe(false);
    expect(originVerified({ [originVerifyHeader]: current.slice(0, 40) }, [current])).toBe(false);
  });
});
