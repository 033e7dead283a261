import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor, scopeVersion } from "./sync-cursor";

const position = {
  updatedAt: "2026-11-20T08:00:00.123456Z",
  stayId: "0b7d6c1e-9a0e-4a53-9c36-2f1c2d3e4f50",
  scopeVersion: "abc_DEF-123",
};

describe("sync cursor", () => {
  it("round-trips a position, microseconds included", () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it("carries the sync round a page continues, and only a round id that is a UUID", () => {
    const roundId = "5f0c2a8e-3b1d-4c9e-8f7a-6b5c4d3e2f10";
    expect(decodeCursor(encodeCursor({ ...position, roundId }))).toEqual({ ...position, roundId });
    const json = Buffer.from(
      JSON.stringify({ u: position.updatedAt, s: position.stayId, v: "a", r: "round-1" }),
    ).toString("base64url");
    expect(() => decodeCursor(json)).toThrow(AppError);
  });

  it("refuses anything forged or damaged as a bad request", () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const forged = [
      "",
      "not a cursor!",
      "x".repeat(600),
      Buffer.from("{oops").toString("base64url"),
      json({ u: "2026-11-20T08:00:00Z", s: position.stayId, v: "a" }),
      json({ u: position.updatedAt, s: "1; DROP TABLE stay", v: "a" }),
      json({ u: position.updatedAt, s: position.stayId, v: "a", extra: 1 }),
      json({ u: "2026-13-45T99:00:00.000000Z", s: position.stayId, v: "a" }),
      json([1, 2]),
    ];
    for (const cursor of forged) {
      const error = (() => {
        try {
          decodeCursor(cursor);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, cursor).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("bad_request");
    }
  });
});

describe("scope version", () => {
  it("depends on the set of wards, not their order", () => {
    const a = "0b7d6c1e-9a0e-4a53-9c36-2f1c2d3e4f50";
    const b = "1b7d6c1e-9a0e-4a53-9c36-2f1c2d3e4f51";
    expect(scopeVersion([a, b])).toBe(scopeVersion([b, a]));
    expect(scopeVersion([a])).not.toBe(scopeVersion([a, b]));
    expect(scopeVersion([])).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
