import { describe, expect, it } from "vitest";
import { bedText } from "./pack-pages";

describe("the documents pack's bed line", () => {
  it("names the bay with the bed, so bed 1 of two bays never reads the same", () => {
    expect(bedText("1", "Bay 1")).toBe("Bay 1, Bed 1");
    expect(bedText("1", "Bay 2")).toBe("Bay 2, Bed 1");
  });

  it("keeps the bed alone on a ward without bays", () => {
    expect(bedText("B1")).toBe("Bed B1");
    expect(bedText(null, null)).toBe("No bed yet");
  });
});
