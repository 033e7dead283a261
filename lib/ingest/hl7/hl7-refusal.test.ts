/**
 * A request refused before any message is read is still answered with an ACK: AR only when the
 * sender must change something, AE (and Retry-After) when a retry can succeed, HTTP status from
 * the one status table.
 */
import { describe, expect, it } from "vitest";
import { AppError, type ErrorCode, errorTable } from "@/lib/errors";
import { parseHl7 } from "@/lib/hl7/parse";
import { hl7Refusal } from "./ingest-hl7";

const now = new Date("2026-12-03T10:00:00Z");
const refuse = (code: ErrorCode, options?: { retryAfterSeconds?: number }) => {
  const response = hl7Refusal(new AppError(code, `refused: ${code}`, options), now);
  return { ...response, ack: parseHl7(response.body) };
};

describe("hl7Refusal", () => {
  it("rejects (AR) what the sender must fix, with the table's HTTP status", () => {
    for (const code of ["bad_request", "unauthenticated", "forbidden", "payload_too_large"] as const) {
      const { status, ack, retryAfterSeconds } = refuse(code);
      expect(ack.get("MSA-1"), code).toBe("AR");
      expect(status, code).toBe(errorTable[code].status);
      expect(retryAfterSeconds, code).toBeUndefined();
    }
    expect(refuse("bad_request").ack.get("ERR-3.1")).toBe("100");
  });

  it("answers AE for an outage, a rate limit or our own fault, never AR", () => {
    for (const code of ["unavailable", "rate_limited", "internal"] as const) {
      expect(refuse(code).ack.get("MSA-1"), code).toBe("AE");
    }
  });

  it("tells the sender when to retry: 30 s for an outage unless the error says otherwise", () => {
    expect(refuse("unavailable")).toMatchObject({ status: 503, retryAfterSeconds: 30 });
    expect(refuse("rate_limited", { retryAfterSeconds: 7 })).toMatchObject({
      status: 429,
      retryAfterSeconds: 7,
    });
    expect(refuse("internal").retryAfterSeconds).toBeUndefined();
  });

  it("carries the reason to the engine's operators (MSA-3 and ERR-8)", () => {
    const { ack } = refuse("payload_too_large");
    expect(ack.get("MSA-3")).toBe("refused: payload_too_large");
    expect(ack.get("ERR-8")).toBe("refused: payload_too_large");
  });
});
