import { describe, expect, it } from "vitest";
import { isValidNhsNumber } from "@/lib/adt/nhs-number";
import { createPersonFactory, syntheticNhsNumber, toPatientRecord } from "./people";
import { ageOn, type PersonProfile } from "./person-profiles";
import { seededRandom } from "./random";

const at = new Date("2026-11-23T08:00:00Z");
const many = (profile: PersonProfile, count = 1500, seed = 3) => {
  const factory = createPersonFactory(seededRandom(seed));
  return Array.from({ length: count }, () => factory.create(profile, at));
};

describe("syntheticNhsNumber", () => {
  it("gives valid modulus-11 numbers in the 999 test range only", () => {
    const random = seededRandom(11);
    for (let i = 0; i < 2000; i++) {
      const number = syntheticNhsNumber(random);
      expect(number).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(number)).toBe(true);
    }
  });
});

describe("createPersonFactory", () => {
  it("is deterministic for a seed", () => {
    expect(many("adult", 50, 5)).toEqual(many("adult", 50, 5));
    expect(many("adult", 50, 5)).not.toEqual(many("adult", 50, 6));
  });

  it("never repeats an MRN or NHS number and uses the drama phone range", () => {
    const people = many("adult", 3000);
    expect(new Set(people.map((p) => p.mrn)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.nhsNumber)).size).toBe(people.length);
    for (const person of people) {
      expect(person.mrn).toMatch(/^RXD\d{7}$/);
      expect(person.phone ?? "07700 900000").toMatch(/^07700 900\d{3}$/);
      expect(person.address).toMatch(/^\d+ [A-Za-z ]+, [A-Za-z ]+, RV\d \d[A-Z]{2}$/);
      expect(person.birthDate <= "2026-11-23").toBe(true);
    }
  });

  it("weights adults to the elderly, ages 18 to 100", () => {
    const ages = many("adult").map((p) => ageOn(p.birthDate, at));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(100);
    expect(ages.filter((age) => age >= 65).length / ages.length).toBeGreaterThan(0.55);
  });

  it("fits the ward: newborns under 28 days, mothers female 17-45, elderly care 75+", () => {
    for (const baby of many("newborn", 300)) {
      expect((at.getTime() - Date.parse(baby.birthDate)) / 86_400_000).toBeLessThan(28);
      expect(baby.title).toBeUndefined();
    }
    for (const mother of many("obstetric", 300)) {
      expect(mother.sex).toBe("female");
      expect(ageOn(mother.birthDate, at)).toBeGreaterThanOrEqual(17);
      expect(ageOn(mother.birthDate, at)).toBeLessThanOrEqual(45);
    }
    expect(many("older-adult", 300).every((p) => ageOn(p.birthDate, at) >= 75)).toBe(true);
    const children = many("child", 300);
    expect(children.every((p) => ageOn(p.birthDate, at) <= 16)).toBe(true);
    const underSixteen = children.filter((p) => ageOn(p.birthDate, at) < 16);
    expect(underSixteen.every((p) => ["Master", "Miss", undefined].includes(p.title))).toBe(true);
  });

  it("gives allergies and alerts at realistic rates, more alerts in the very old", () => {
    const adults = many("adult", 3000);
    const withAllergy = adults.filter((p) => p.allergies.length > 0).length / adults.length;
    expect(withAllergy).toBeGreaterThan(0.12);
    expect(withAllergy).toBeLessThan(0.3);
    const penicillin = adults.flatMap((p) => p.allergies).find((a) => a.text.startsWith("Penicillin – "));
    expect(penicillin?.severity).toMatch(/^(severe|moderate|mild)$/);
    const alertRate = (list: typeof adults) => list.filter((p) => p.alerts.length > 0).length / list.length;
    expect(alertRate(many("older-adult", 2000))).toBeGreaterThan(alertRate(many("obstetric", 2000)));
    expect(new Set(many("older-adult", 2000).flatMap((p) => p.alerts))).toContain("DNACPR in place");
  });

  it("makes duplicates with a new MRN and no NHS number", () => {
    const factory = createPersonFactory(seededRandom(9));
    const person = factory.create("adult", at);
    const duplicate = factory.duplicateOf(person);
    expect(duplicate.mrn).not.toBe(person.mrn);
    expect(duplicate.nhsNumber).toBeUndefined();
    expect(duplicate.familyName).toBe(person.familyName);
  });
});

describe("toPatientRecord", () => {
  it("sends allergies and alerts only when the message can carry them", () => {
    const person = many("older-adult", 400).find((p) => p.allergies.length > 0 && p.alerts.length > 0)!;
    expect(toPatientRecord(person, true).demographics.allergies).toEqual(person.allergies);
    expect(toPatientRecord(person, true).demographics.alerts).toEqual(person.alerts);
    expect(toPatientRecord(person, false).demographics).not.toHaveProperty("allergies");
    expect(toPatientRecord(person, false).demographics).not.toHaveProperty("alerts");
  });
});
