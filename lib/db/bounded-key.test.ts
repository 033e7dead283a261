import { describe, expect, it } from "vitest";
import { boundedKey, maxKeyBytes } from "./bounded-key";

describe("boundedKey", () => {
  it("keeps a value that fits", () => {
    expect(boundedKey("MSG00001")).toBe("MSG00001");
    const exact = "x".repeat(maxKeyBytes);
    expect(boundedKey(exact)).toBe(exact);
  });

  it("bounds a long value to its start and a hash of all of it, the same every time", () => {
    const long = `CTRL-${"9".repeat(5_000)}`;
    const key = boundedKey(long);
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(maxKeyBytes);
    expect(key.startsWith("CTRL-999")).toBe(true);
    expect(key).toMatch(/…sha256:[0-9a-f]{64}$/);
    expect(boundedKey(long)).toBe(key);
  });

  it("tells apart long values that differ only at the end", () => {
    const base = "A".repeat(2_000);
    expect(boundedKey(`${base}1`)).not.toBe(boundedKey(`${base}2`));
  });

  it("counts bytes, not characters, and never splits a character", () => {
    const key = boundedKey("ü".repeat(400));
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(maxKeyBytes);
    expect(key).not.toContain("\uFFFD");
    expect(boundedKey("ü".repeat(128))).toBe("ü".repeat(128));
  });
});
