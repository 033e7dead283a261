import { describe, expect, it } from "vitest";
import { maxStoredHistoryBytes, maxStoredHistorySteps, storedHistory } from "./stay-store";

const step = (index: number, bed = `B${index}`) => ({
  kind: "transfer" as const,
  at: new Date(Date.UTC(2026, 0, 1, 0, index)),
  ward: "OAK",
  bed,
});

describe("storedHistory", () => {
  it("keeps a short history whole", () => {
    const history = [step(1), step(2)];
    expect(JSON.parse(storedHistory(history))).toHaveLength(2);
  });

  it("keeps only the latest steps of a long one", () => {
    const history = Array.from({ length: 5_000 }, (_, index) => step(index));
    const kept = JSON.parse(storedHistory(history)) as { bed: string }[];
    expect(kept).toHaveLength(maxStoredHistorySteps);
    expect(kept.at(-1)?.bed).toBe("B4999");
  });

  it("drops more of the oldest when long bed names would pass the byte cap", () => {
    const history = Array.from({ length: 100 }, (_, index) => step(index, `${index}-${"x".repeat(2_000)}`));
    const json = storedHistory(history);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(maxStoredHistoryBytes);
    const kept = JSON.parse(json) as { bed: string }[];
    expect(kept.at(-1)?.bed.startsWith("99-")).toBe(true);
  });
});
