import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseHl7Path, toErrorLocation } from "./path";

describe("parseHl7Path", () => {
  it("reads segment, occurrence, field, repetition, component and subcomponent (1-based)", () => {
    expect(parseHl7Path("PID-3")).toEqual({
      segment: "PID",
      occurrence: 1,
      field: 3,
      repetition: null,
      component: 1,
      subcomponent: 1,
    });
    expect(parseHl7Path("PID[2]-3[4].5.6")).toEqual({
      segment: "PID",
      occurrence: 2,
      field: 3,
      repetition: 4,
      component: 5,
      subcomponent: 6,
    });
    expect(parseHl7Path("ZU1-12").segment).toBe("ZU1");
  });

  it("rejects paths that are not field paths, including 0 positions", () => {
    for (const bad of [
      "PID",
      "pid-3",
      "PID-",
      "PID-3.",
      "PID-0",
      "PID-3[0]",
      "PID-3.1.0",
      "PID[0]-1",
      "PID-3.1.1.1",
    ]) {
      expect(() => parseHl7Path(bad), bad).toThrow(AppError);
    }
  });
});

describe("toErrorLocation (ERR-2, ERL)", () => {
  it("maps paths to segment^sequence^field[^repetition^component[^subcomponent]]", () => {
    expect(toErrorLocation("PID-3")).toEqual(["PID", "1", "3"]);
    expect(toErrorLocation("PID-3.1")).toEqual(["PID", "1", "3", "1", "1"]);
    expect(toErrorLocation("PID[2]-3[2].4.2")).toEqual(["PID", "2", "3", "2", "4", "2"]);
    expect(toErrorLocation("PID-3[2]")).toEqual(["PID", "1", "3", "2"]);
    expect(toErrorLocation("MSH")).toEqual(["MSH", "1"]);
    expect(toErrorLocation("somewhere")).toBeNull();
  });
});
