/**
 * Synthetic people for the demo feed. Nothing here is real: names are random pairs from common UK
 * lists (names.ts), NHS numbers are in the 999 test range that NHS England reserves for testing
 * (valid modulus 11, never issued to a patient), phones are in Ofcom's drama range 07700 900xxx,
 * and addresses are in an invented town and postcode area. Ages follow the ward's specialty.
 */
import type { Allergy, PatientRecord, Sex } from "@/lib/adt/events";
import { drawAlerts, drawAllergies } from "./clinical-flags";
import { chance } from "./distributions";
import {
  type Cohort,
  familyNames,
  givenNamesByCohort,
  gpPractices,
  postcodeLetters,
  streetNames,
  towns,
} from "./names";
import { drawBirthDate, drawTitle, type PersonProfile } from "./person-profiles";
import type { Random } from "./random";

export interface DemoPerson {
  /** "RXD" + 7 digits, the trust PAS number (PID-3 type MR). */
  mrn: string;
  /** Absent for a duplicate registration made before anyone checked the spine. */
  nhsNumber?: string;
  title?: string;
  familyName: string;
  givenNames: string;
  sex: Extract<Sex, "male" | "female">;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string;
  phone?: string;
  gp: string;
  allergies: Allergy[];
  alerts: string[];
}

/** The 999 test range: 999 + six digits + the modulus-11 check digit (see lib/adt/nhs-number.ts). */
export function syntheticNhsNumber(random: Random): string {
  for (;;) {
    const body = `999${String(random.int(0, 999_999)).padStart(6, "0")}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check !== 10) return `${body}${check === 11 ? 0 : check}`;
  }
}

function cohortOf(birthDate: string): Cohort {
  const year = Number(birthDate.slice(0, 4));
  return year < 1950 ? "before-1950" : year < 1990 ? "1950-1989" : "from-1990";
}

export interface PersonFactory {
  create(profile: PersonProfile, at: Date): DemoPerson;
  /** The same person registered again under a new MRN and without an NHS number (merged by A40). */
  duplicateOf(person: DemoPerson): DemoPerson;
}

export function createPersonFactory(random: Random, mrnPrefix = "RXD"): PersonFactory {
  const usedNhs = new Set<string>();
  const usedMrn = new Set<string>();
  const draw = (make: () => string, used: Set<string>) => {
    for (;;) {
      const value = make();
      if (used.has(value)) continue;
      used.add(value);
      return value;
    }
  };
  const newMrn = () => draw(() => `${mrnPrefix}${random.int(1_000_000, 9_999_999)}`, usedMrn);

  return {
    create(profile, at) {
      const female = profile === "obstetric" || profile === "gynaecology" || chance(random, 0.52);
      const sex = female ? "female" : "male";
      const { birthDate, age } = drawBirthDate(random, profile, at);
      const names = givenNamesByCohort[cohortOf(birthDate)][sex];
      const given = random.pick(names);
      const middle = chance(random, 0.35) ? random.pick(names.filter((name) => name !== given)) : undefined;
      const letter = () => random.pick([...postcodeLetters]);
      const postcode = `RV${random.int(1, 9)} ${random.int(1, 9)}${letter()}${letter()}`;
      return {
        mrn: newMrn(),
        nhsNumber: draw(() => syntheticNhsNumber(random), usedNhs),
        title: drawTitle(random, sex, age),
        familyName: random.pick(familyNames),
        givenNames: middle ? `${given} ${middle}` : given,
        sex,
        birthDate,
        address: `${random.int(1, 180)} ${random.pick(streetNames)}, ${random.pick(towns)}, ${postcode}`,
        phone: chance(random, 0.85) ? syntheticPhone(random) : undefined,
        gp: random.pick(gpPractices),
        allergies: drawAllergies(random),
        alerts: drawAlerts(random, age),
      };
    },
    duplicateOf(person) {
      return { ...person, mrn: newMrn(), nhsNumber: undefined, allergies: [], alerts: [] };
    },
  };
}

export function syntheticPhone(random: Random): string {
  return `07700 900${String(random.int(0, 999)).padStart(3, "0")}`;
}

/**
 * The person as an event carries them. Allergies and alerts are included only when the message
 * carries them (AL1 and ZAL exist in ADT_A01 and ADT_A05 only), because an absent field means
 * "not sent" to the census, never "none".
 */
export function toPatientRecord(person: DemoPerson, withClinicalFlags: boolean): PatientRecord {
  const flags = withClinicalFlags
    ? {
        allergies: person.allergies.length > 0 ? person.allergies : undefined,
        alerts: person.alerts.length > 0 ? person.alerts : undefined,
      }
    : {};
  return {
    mrn: person.mrn,
    nhsNumber: person.nhsNumber,
    demographics: {
      familyName: person.familyName,
      givenNames: person.givenNames,
      title: person.title,
      birthDate: person.birthDate,
      sex: person.sex,
      address: person.address,
      phone: person.phone,
      gp: person.gp,
      ...flags,
    },
  };
}
