/**
 * Who each ward admits, as age and title: adults lean old because most inpatient beds are filled by
 * people over 65; children's wards take 0-16, neonatal units babies under 28 days, maternity women
 * of 17-45. Titles follow PAS habit: none for babies, Master/Miss for children.
 */
import { chance, weightedPick } from "./distributions";
import type { Random } from "./random";

/** Who a ward admits: decides age and sex. */
export type PersonProfile = "adult" | "older-adult" | "child" | "newborn" | "obstetric" | "gynaecology";

export function profileForSpecialty(specialty: string): PersonProfile {
  const bySpecialty: Record<string, PersonProfile> = {
    "Elderly Care": "older-adult",
    Paediatrics: "child",
    Neonatal: "newborn",
    Maternity: "obstetric",
    Gynaecology: "gynaecology",
  };
  return bySpecialty[specialty] ?? "adult";
}

type AgeBand = readonly [readonly [number, number], number];
// Age bands in years and their weights; "adult" leans old because most inpatient beds are.
const ageBands: Record<Exclude<PersonProfile, "newborn">, readonly AgeBand[]> = {
  adult: [
    [[18, 39], 12],
    [[40, 64], 24],
    [[65, 79], 32],
    [[80, 100], 32],
  ],
  "older-adult": [
    [[75, 84], 45],
    [[85, 94], 45],
    [[95, 100], 10],
  ],
  child: [
    [[0, 0], 25],
    [[1, 4], 30],
    [[5, 11], 25],
    [[12, 16], 20],
  ],
  obstetric: [
    [[17, 24], 20],
    [[25, 34], 55],
    [[35, 45], 25],
  ],
  gynaecology: [
    [[18, 44], 40],
    [[45, 64], 35],
    [[65, 89], 25],
  ],
};

export function drawBirthDate(
  random: Random,
  profile: PersonProfile,
  at: Date,
): { birthDate: string; age: number } {
  let days: number;
  let age = 0;
  if (profile === "newborn") {
    days = random.int(0, 27);
  } else {
    const [min, max] = weightedPick(random, ageBands[profile]);
    age = random.int(min, max);
    // Under-ones on a children's ward are past the neonatal period (28 days). Subtracting whole
    // calendar years, then under a year of days, makes the age exactly `age` on `at`.
    days = age === 0 ? random.int(29, 364) : random.int(0, 364);
  }
  const birth = new Date(at);
  birth.setUTCFullYear(birth.getUTCFullYear() - age);
  birth.setUTCDate(birth.getUTCDate() - days);
  return { birthDate: birth.toISOString().slice(0, 10), age };
}

export function drawTitle(random: Random, sex: "male" | "female", age: number): string | undefined {
  if (age < 1) return undefined;
  if (age < 16) return sex === "male" ? "Master" : "Miss";
  if (age >= 25 && chance(random, 0.02)) return random.pick(["Dr", "Rev", "Prof"]);
  if (sex === "male") return "Mr";
  return weightedPick(random, [
    ["Mrs", age >= 30 ? 55 : 20],
    ["Ms", 25],
    ["Miss", age >= 30 ? 10 : 55],
  ]);
}

/** Age in whole years on a date, for rules that depend on it. */
export function ageOn(birthDate: string, at: Date): number {
  const [year, month, day] = birthDate.split("-").map(Number) as [number, number, number];
  const before = at.getUTCMonth() + 1 < month || (at.getUTCMonth() + 1 === month && at.getUTCDate() < day);
  return at.getUTCFullYear() - year - (before ? 1 : 0);
}
