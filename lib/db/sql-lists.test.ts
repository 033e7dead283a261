import { describe, expect, it } from "vitest";
import { chunks, forEachLimited, placeholders } from "./sql-lists";

describe("sql lists", () => {
  it("numbers placeholders from the first parameter given", () => {
    expect(placeholders(3)).toBe("$1, $2, $3");
    expect(placeholders(2, 4)).toBe("$4, $5");
    expect(placeholders(0)).toBe("");
  });

  it("cuts items into chunks of at most the size", () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });

  it("runs every item with at most `limit` in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      seen.push(item);
      inFlight -= 1;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });
});
