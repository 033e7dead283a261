/**
 * Invented consultants, "Dr A Okafor" style, three per specialty per site: the PV1-7 attending
 * doctor a ward list shows. Names are unique across the trust so a consultant is one person.
 * Surgeons are "Mr"/"Ms", as UK surgical consultants are addressed (a ward would notice otherwise).
 */
import type { DemoFacility } from "./hospital";
import { consultantFamilyNames, initials } from "./names";
import type { Random } from "./random";

const PER_SPECIALTY = 3;
const surgical = new Set(["General Surgery", "Orthopaedics", "Urology", "Gynaecology", "Maternity"]);

export type ConsultantRoster = (facilityCode: string, specialty: string) => readonly string[];

export function createConsultantRoster(
  random: Random,
  facilities: readonly DemoFacility[],
): ConsultantRoster {
  const used = new Set<string>();
  const roster = new Map<string, string[]>();
  const newName = (specialty: string) => {
    for (;;) {
      const name = `${random.pick([...initials])} ${random.pick(consultantFamilyNames)}`;
      if (used.has(name)) continue;
      used.add(name);
      return `${surgical.has(specialty) ? random.pick(["Mr", "Ms"]) : "Dr"} ${name}`;
    }
  };
  for (const facility of facilities) {
    for (const ward of facility.wards) {
      const key = `${facility.code}|${ward.specialty}`;
      if (!roster.has(key))
        roster.set(
          key,
          Array.from({ length: PER_SPECIALTY }, () => newName(ward.specialty)),
        );
    }
  }
  return (facilityCode, specialty) => roster.get(`${facilityCode}|${specialty}`) ?? [];
}
