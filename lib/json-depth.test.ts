import { describe, expect, it } from "vitest";
import { containsNulCharacter, exceedsJsonDepth } from "./json-depth";

const nested = (depth: number) => JSON.parse(`${"[".repeat(depth)}1${"]".repeat(depth)}`);

describe("exceedsJsonDepth", () => {
  it("counts objects and arrays, not scalars", () => {
    expect(exceedsJsonDepth({ a: { b: [1] } }, 3)).toBe(false);
    expect(exceedsJsonDepth({ a: { b: [1] } }, 2)).toBe(true);
    expect(exceedsJsonDepth("text", 0)).toBe(false);
  });

  it("measures nesting far past what a recursive walk survives", () => {
    expect(exceedsJsonDepth(nested(50_000), 64)).toBe(true);
    expect(exceedsJsonDepth(nested(64), 64)).toBe(false);
  });
});

describe("containsNulCharacter", () => {
  it("finds U+0000 in a nested string or a key, and nowhere else", () => {
    expect(containsNulCharacter({ a: [{ b: "x\u0000y" }] })).toBe(true);
    expect(containsNulCharacter({ "k\u0000": 1 })).toBe(true);
    expect(containsNulCharacter({ a: ["\\u0000 as text", 0, null] })).toBe(false);
  });
});
