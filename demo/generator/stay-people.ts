/**
 * Gives every planned stay a person. Most are new; about one in twenty is a readmission of
 * someone discharged from the same site at least a day earlier (never while their earlier stay
 * is still open). A stay planned to be merged is first registered under a duplicate person.
 */
import { chance, DAY } from "./distributions";
import { createPersonFactory, type DemoPerson } from "./people";
import { type PersonProfile, profileForSpecialty } from "./person-profiles";
import { firstWard, type PlannedStay } from "./planned-stay";
import type { Random } from "./random";

const READMISSION_RATE = 0.05;

interface Discharged {
  personKey: number;
  facilityCode: string;
  profile: PersonProfile;
}

export function assignPeople(random: Random, stays: readonly PlannedStay[], windowStart: Date): DemoPerson[] {
  const factory = createPersonFactory(random);
  const people: DemoPerson[] = [];
  /** When each person is free again: the end of their latest stay (Infinity while it is open). */
  const busyUntil: number[] = [];
  const pool: Discharged[] = [];
  const ordered = [...stays].sort((a, b) => a.start - b.start || a.id - b.id);

  const readmission = (stay: PlannedStay, profile: PersonProfile): number | undefined => {
    if (profile === "newborn" || pool.length === 0 || !chance(random, READMISSION_RATE)) return undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = random.pick(pool);
      const fits = candidate.facilityCode === stay.facilityCode && candidate.profile === profile;
      if (fits && busyUntil[candidate.personKey]! + DAY <= stay.start) return candidate.personKey;
    }
    return undefined;
  };

  for (const stay of ordered) {
    const profile = profileForSpecialty(firstWard(stay).specialty);
    let personKey = readmission(stay, profile);
    if (personKey === undefined) {
      personKey =
        people.push(factory.create(profile, new Date(windowStart.getTime() + stay.start * 1000))) - 1;
    }
    stay.personKey = personKey;
    busyUntil[personKey] = stay.end ?? Number.POSITIVE_INFINITY;
    if (stay.end !== null) pool.push({ personKey, facilityCode: stay.facilityCode, profile });
    if (stay.mergeAt !== undefined) {
      stay.duplicateKey = people.push(factory.duplicateOf(people[personKey]!)) - 1;
      busyUntil[stay.duplicateKey] = Number.POSITIVE_INFINITY;
    }
  }
  return people;
}
