import { describe, expect, it, vi } from "vitest";
import { AppError } from "./errors";
import { toAppError } from "./to-app-error";

vi.resetModules();
const otherErrors = await import("./errors");

describe("toAppError", () => {
  it("keeps another bundle's unavailable error unavailable (503 + Retry-After), as this copy's class", () => {
    const error = toAppError(new otherErrors.AppError("unavailable", "The database is unavailable"), "test");
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "unavailable", status: 503, retryAfter: 30 });
  });

  it("maps a driver outage to unavailable and logs nothing; an unknown error to internal, logged without its message", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(
      toAppError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "t").code,
    ).toBe("unavailable");
    expect(logged).not.toHaveBeenCalled();
    expect(toAppError(new TypeError("MRN RXD0000001 broke it"), "t", { controlId: "C1" }).code).toBe(
      "internal",
    );
    const line = String(logged.mock.calls[0]![0]);
    logged.mockRestore();
    expect(JSON.parse(line)).toMatchObject({
      event: "t.unexpected",
      controlId: "C1",
      errorType: "TypeError",
    });
    expect(line).not.toContain("RXD0000001");
  });
});
