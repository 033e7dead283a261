import { describe, expect, it, vi } from "vitest";
import { AppError, asAppError, isAppError } from "./errors";

// A second copy of the module, as Next.js makes when it bundles lib/errors into instrumentation
// and into each route: its AppError is another class, so `instanceof` fails across the copies.
vi.resetModules();
const other = await import("./errors");

describe("isAppError across copies of lib/errors", () => {
  it("recognises another copy's AppError by its brand and code", () => {
    const foreign = new other.AppError("unavailable", "The database is unavailable; retry later.");
    expect(foreign instanceof AppError).toBe(false);
    expect(isAppError(foreign)).toBe(true);
    expect(other.isAppError(new AppError("forbidden", "no"))).toBe(true);
  });

  it("refuses look-alikes: no brand or name, or a code outside the closed set", () => {
    expect(isAppError(Object.assign(new Error("x"), { code: "unavailable" }))).toBe(false);
    expect(isAppError({ name: "AppError", code: "ECONNREFUSED" })).toBe(false);
    expect(isAppError({ name: "AppError", code: "toString" })).toBe(false);
    expect(isAppError(null)).toBe(false);
    expect(isAppError("unavailable")).toBe(false);
  });

  it("rebuilds another copy's error as this copy's, keeping code, message, location and Retry-After", () => {
    const foreign = new other.AppError("rate_limited", "Slow down", {
      location: "MSH-10",
      retryAfterSeconds: 7,
    });
    const local = asAppError(foreign)!;
    expect(local).toBeInstanceOf(AppError);
    expect(local).toMatchObject({
      code: "rate_limited",
      message: "Slow down",
      location: "MSH-10",
      status: 429,
    });
    expect(local.retryAfter).toBe(7);
    expect(local.cause).toBe(foreign);
    const unavailable = asAppError(new other.AppError("unavailable", "down"))!;
    expect(unavailable.retryAfter).toBe(30);
    const own = new AppError("conflict", "c");
    expect(asAppError(own)).toBe(own);
    expect(asAppError(new Error("plain"))).toBeUndefined();
  });
});
