import { describe, expect, it } from "vitest";
import { bayText, placeKey, placeText } from "./bed-place";

describe("bay and bed as staff read them", () => {
  it("says bay and bed on every place, so bed 1 of two bays never reads the same", () => {
    expect(placeText({ room: "Bay 1", bed: "1" })).toBe("Bay 1, Bed 1");
    expect(placeText({ room: "Bay 2", bed: "1" })).toBe("Bay 2, Bed 1");
    expect(placeText({ room: "Bay 1", bed: "1" })).not.toBe(placeText({ room: "Bay 2", bed: "1" }));
  });

  it("keeps the hospital's codes as sent and names bare numbers", () => {
    expect(placeText({ room: "BAY1", bed: "B07" })).toBe("BAY1, B07");
    expect(placeText({ room: "3", bed: "12" })).toBe("Bay 3, Bed 12");
    expect(bayText(" SR2 ")).toBe("SR2");
  });

  it("says what is missing rather than leaving a bare number", () => {
    expect(placeText({ room: null, bed: "SR1" })).toBe("SR1");
    expect(placeText({ room: null, bed: "4" })).toBe("Bed 4");
    expect(placeText({ room: "Bay 2", bed: null })).toBe("Bay 2, no bed yet");
    expect(placeText({ room: " ", bed: null })).toBe("No bed");
    expect(placeText({ bed: null })).toBe("No bed");
  });

  it("keys a place by bay and bed, blanks as missing", () => {
    expect(placeKey({ room: "Bay 1", bed: "1" })).not.toBe(placeKey({ room: "Bay 2", bed: "1" }));
    expect(placeKey({ room: "", bed: "1" })).toBe(placeKey({ room: null, bed: " 1 " }));
  });
});
