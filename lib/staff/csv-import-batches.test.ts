import { describe, expect, it } from "vitest";
import { splitByBudget } from "./csv-import-batches";

describe("splitByBudget", () => {
  const cost = (n: number) => n;

  it("keeps consecutive items together while their summed cost fits the budget", () => {
    expect(splitByBudget([3, 3, 3, 3], cost, 6)).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it("starts a new part at the item that would pass the budget, keeping order", () => {
    expect(splitByBudget([1, 2, 4, 1], cost, 4)).toEqual([[1, 2], [4], [1]]);
  });

  it("gives an item costlier than the whole budget a part of its own rather than dropping it", () => {
    expect(splitByBudget([1, 10, 1], cost, 5)).toEqual([[1], [10], [1]]);
  });

  it("returns no parts for no items", () => {
    expect(splitByBudget([], cost, 5)).toEqual([]);
  });
});
