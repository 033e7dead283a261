import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { isUnavailableError, translateDriverError } from "./unavailable";

vi.resetModules();
const otherErrors = await import("@/lib/errors");

const withCode = (code: string, message = "driver error") => Object.assign(new Error(message), { code });

describe("isUnavailableError", () => {
  it("recognises an unavailable AppError from any copy of lib/errors, and only that code", () => {
    expect(isUnavailableError(new AppError("unavailable", "down"))).toBe(true);
    expect(isUnavailableError(new otherErrors.AppError("unavailable", "down"))).toBe(true);
    expect(
      isUnavailableError(new otherErrors.AppError("internal", "bug", { cause: withCode("ECONNREFUSED") })),
    ).toBe(false);
  });

  it("recognises sockets that fail and servers that shut down (SQLSTATE 08, 53, 57P01-57P03)", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE"])
      expect(isUnavailableError(withCode(code))).toBe(true);
    for (const code of ["08006", "08001", "53300", "57P01", "57P02", "57P03"])
      expect(isUnavailableError(withCode(code))).toBe(true);
  });

  it("recognises node-postgres failures that carry no code", () => {
    for (const message of [
      "Connection terminated unexpectedly",
      "Connection terminated due to connection timeout",
      "timeout exceeded when trying to connect",
      "Client has encountered a connection error and is not queryable",
    ])
      expect(isUnavailableError(new Error(message))).toBe(true);
  });

  it("looks inside wrapped errors and dual-stack AggregateErrors", () => {
    expect(isUnavailableError(new Error("query failed", { cause: withCode("57P01") }))).toBe(true);
    const dualStack = new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "");
    expect(isUnavailableError(dualStack)).toBe(true);
  });

  it("does not take a wrong statement or bad data for an outage", () => {
    for (const code of ["23505", "42P01", "22P02", "40001", "57014"])
      expect(isUnavailableError(withCode(code))).toBe(false);
    expect(isUnavailableError(new Error("syntax error at or near"))).toBe(false);
    expect(isUnavailableError(null)).toBe(false);
    expect(isUnavailableError("ECONNREFUSED")).toBe(false);
  });
});

describe("translateDriverError", () => {
  it("rethrows an outage as AppError unavailable and anything else unchanged", () => {
    expect(() => translateDriverError(withCode("ECONNREFUSED"))).toThrow(
      expect.objectContaining({ code: "unavailable" }),
    );
    const foreign = new otherErrors.AppError("unavailable", "down");
    expect(() => translateDriverError(foreign)).toThrow(foreign);
    const duplicate = withCode("23505");
    expect(() => translateDriverError(duplicate)).toThrow(duplicate);
  });
});
