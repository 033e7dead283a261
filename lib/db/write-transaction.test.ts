import { describe, expect, it, vi } from "vitest";
import { isRetryableConflict, retryOnConflict } from "./write-transaction";

const conflict = () =>
  Object.assign(new Error("change conflicts with another transaction, please retry: (OC000)"), {
    code: "40001",
  });

describe("isRetryableConflict", () => {
  it("recognises DSQL and PostgreSQL conflicts", () => {
    expect(isRetryableConflict(conflict())).toBe(true);
    expect(isRetryableConflict({ code: "40P01" })).toBe(true);
    expect(isRetryableConflict(new Error("schema has been updated by another transaction (OC001)"))).toBe(
      true,
    );
  });

  it("does not retry other failures", () => {
    expect(isRetryableConflict({ code: "23505", message: "duplicate key" })).toBe(false);
    expect(isRetryableConflict(new Error("syntax error"))).toBe(false);
    expect(isRetryableConflict("40001")).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });
});

describe("retryOnConflict", () => {
  it("retries conflicts with bounded, jittered backoff and then succeeds", async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryOnConflict(
      async () => {
        calls++;
        if (calls < 4) throw conflict();
        return "done";
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 0.5, baseDelayMs: 10, maxDelayMs: 25 },
    );
    expect(result).toBe("done");
    expect(calls).toBe(4);
    // half of min(cap, 10·2^(n-1)): 5, 10, then capped at 25 → 12.5 rounded
    expect(delays).toEqual([5, 10, 13]);
  });

  it("gives up after maxAttempts and rethrows the conflict", async () => {
    const work = vi.fn(async () => {
      throw conflict();
    });
    await expect(retryOnConflict(work, { maxAttempts: 3, sleep: async () => {} })).rejects.toMatchObject({
      code: "40001",
    });
    expect(work).toHaveBeenCalledTimes(3);
  });

  it("fails at once on anything that is not a conflict", async () => {
    const work = vi.fn(async () => {
      throw Object.assign(new Error("duplicate"), { code: "23505" });
    });
    await expect(retryOnConflict(work, { sleep: async () => {} })).rejects.toThrow("duplicate");
    expect(work).toHaveBeenCalledTimes(1);
  });
});
