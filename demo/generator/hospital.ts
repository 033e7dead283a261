/**
 * The synthetic demo hospital: an invented NHS-style trust with three sites and their wards.
 * Deterministic (same seed, same hospital) and entirely fictional: no real people or places.
 * Patients arrive later through the real ingest path.
 */
import { seededRandom } from "./random";

export interface DemoWard {
  code: string;
  name: string;
  specialty: string;
  bedCount: number;
}

export interface DemoFacility {
  code: string;
  name: string;
  wards: DemoWard[];
}

const sites = [
  { code: "RXD01", name: "Riverside General Hospital", wardCount: 16 },
  { code: "RXD02", name: "Northgate Community Hospital", wardCount: 8 },
  { code: "RXD03", name: "Elmfield Women's and Children's Hospital", wardCount: 8 },
] as const;

// Ward names after invented trees and birds, as many trusts name wards after local features.
const wardNames = [
  "Alder",
  "Beech",
  "Cedar",
  "Damson",
  "Elder",
  "Foxglove",
  "Hawthorn",
  "Hazel",
  "Juniper",
  "Larch",
  "Linden",
  "Maple",
  "Oak",
  "Rowan",
  "Sycamore",
  "Willow",
  "Kestrel",
  "Heron",
  "Kingfisher",
  "Lapwing",
  "Merlin",
  "Osprey",
  "Plover",
  "Skylark",
  "Swift",
  "Wren",
  "Avocet",
  "Curlew",
  "Dunlin",
  "Finch",
  "Linnet",
  "Siskin",
];

const specialties = [
  "General Medicine",
  "Respiratory",
  "Cardiology",
  "Elderly Care",
  "Stroke",
  "Gastroenterology",
  "General Surgery",
  "Orthopaedics",
  "Urology",
  "Renal",
  "Haematology",
  "Oncology",
];
const womensAndChildrens = ["Paediatrics", "Neonatal", "Maternity", "Gynaecology"];

export function generateDemoHospital(seed = 20261123): DemoFacility[] {
  const random = seededRandom(seed);
  let nameIndex = 0;
  return sites.map((site, siteIndex) => ({
    code: site.code,
    name: site.name,
    wards: Array.from({ length: site.wardCount }, (_, wardIndex) => {
      const name = wardNames[nameIndex++ % wardNames.length]!;
      const specialty = random.pick(siteIndex === 2 ? womensAndChildrens : specialties);
      return {
        code: `${name.slice(0, 3).toUpperCase()}${siteIndex + 1}${String(wardIndex + 1).padStart(2, "0")}`,
        name: `${name} Ward`,
        specialty,
        bedCount: random.int(24, 36),
      };
    }),
  }));
}
