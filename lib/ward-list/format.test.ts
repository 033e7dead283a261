import { describe, expect, it } from "vitest";
import {
  ageInYears,
  ageText,
  birthDateText,
  displayName,
  freshness,
  lengthOfStayDays,
  nhsNumberText,
} from "./format";

const now = new Date("2026-11-23T10:00:00Z");

describe("ward list formatting", () => {
  it("computes age around the birthday", () => {
    expect(ageInYears("1945-11-23", now)).toBe(81);
    expect(ageInYears("1945-11-24", now)).toBe(80);
    expect(ageInYears(null, now)).toBeNull();
  });

  it("prints names and NHS numbers the way wristbands do", () => {
    expect(displayName({ familyName: "Jones", givenNames: "Aled" })).toBe("JONES, Aled");
    expect(nhsNumberText("9434765919")).toBe("943 476 5919");
    expect(nhsNumberText(null)).toBe("—");
    expect(birthDateText("1945-03-02")).toBe("02 Mar 1945");
  });

  it("counts length of stay from the admission day", () => {
    expect(lengthOfStayDays("2026-11-20T09:00:00Z", now)).toBe(3);
    expect(lengthOfStayDays(null, now)).toBeNull();
  });

  it("turns amber after the threshold and red well after it", () => {
    expect(freshness(new Date("2026-11-23T09:50:00Z"), now)).toBe("fresh");
    expect(freshness(new Date("2026-11-23T09:40:00Z"), now)).toBe("stale");
    expect(freshness(new Date("2026-11-23T08:30:00Z"), now)).toBe("old");
    expect(ageText(new Date("2026-11-23T09:58:00Z"), now)).toBe("2 minutes ago");
    expect(ageText(new Date("2026-11-23T07:00:00Z"), now)).toBe("3 hours ago");
  });
});
