/**
 * How patients flow through each specialty in the demo: length of stay, how often a bed is used
 * for a short registered attendance (A04) rather than an admission, whether admissions are
 * planned (and so often pre-admitted with A05), and which wards can transfer to each other.
 * Figures are rough shapes of English inpatient activity, good enough to look right on a ward list.
 */

export interface SpecialtyProfile {
  /** Median length of stay in days (log-normal, so a long tail of long stays). */
  medianStayDays: number;
  /** Share of bed uses that are a registered attendance (A04, class E or O) of a few hours. */
  registrationRate: number;
  /** PV1-2 class for those attendances: E emergency, O outpatient/ambulatory (HL7 table 0004). */
  registrationClass: "E" | "O";
  /** Share of admissions that were planned and pre-admitted first (A05). */
  preAdmitRate: number;
  /** Wards transfer only within a group: adults, children, women. */
  group: "adult" | "child" | "women";
}

const defaults: SpecialtyProfile = {
  medianStayDays: 4,
  registrationRate: 0.06,
  registrationClass: "E",
  preAdmitRate: 0.03,
  group: "adult",
};

const profiles: Record<string, Partial<SpecialtyProfile>> = {
  "General Medicine": { medianStayDays: 5 },
  Respiratory: { medianStayDays: 5 },
  Cardiology: { medianStayDays: 3, preAdmitRate: 0.15 },
  "Elderly Care": { medianStayDays: 9, registrationRate: 0.02 },
  Stroke: { medianStayDays: 10, registrationRate: 0.03 },
  Gastroenterology: { medianStayDays: 4, preAdmitRate: 0.1 },
  "General Surgery": { medianStayDays: 3, preAdmitRate: 0.35 },
  Orthopaedics: { medianStayDays: 5, preAdmitRate: 0.4 },
  Urology: { medianStayDays: 2, registrationClass: "O", preAdmitRate: 0.4 },
  Renal: { medianStayDays: 6, registrationClass: "O" },
  Haematology: { medianStayDays: 8, registrationClass: "O", preAdmitRate: 0.3 },
  Oncology: { medianStayDays: 6, registrationClass: "O", preAdmitRate: 0.3 },
  Paediatrics: { medianStayDays: 1.5, registrationRate: 0.2, group: "child" },
  Neonatal: { medianStayDays: 8, registrationRate: 0, group: "child" },
  Maternity: { medianStayDays: 1.5, registrationRate: 0.15, preAdmitRate: 0.2, group: "women" },
  Gynaecology: { medianStayDays: 1.5, registrationClass: "O", preAdmitRate: 0.45, group: "women" },
};

export function specialtyProfile(specialty: string): SpecialtyProfile {
  return { ...defaults, ...profiles[specialty] };
}
