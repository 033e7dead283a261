/** Small builders of census events for tests. */
import type { AdtEvent, AdtEventKind, VisitSnapshot } from "@/lib/adt/events";
import { adtEventKinds } from "@/lib/adt/events";

export function adtEvent(
  kind: AdtEventKind,
  at: string,
  options: { mrn?: string; visit?: Partial<VisitSnapshot> | null; facility?: string; family?: string } = {},
): AdtEvent {
  const visit = options.visit === null ? undefined : { visitNumber: "V1", ...options.visit };
  return {
    kind,
    trigger: adtEventKinds[kind],
    facilityCode: options.facility ?? "RXD01",
    eventAt: new Date(at),
    patient: {
      mrn: options.mrn ?? "M1",
      nhsNumber: "9434765919",
      demographics: {
        familyName: options.family ?? "Jones",
        givenNames: "Aled",
        birthDate: "1945-03-02",
        sex: "male",
      },
    },
    ...(visit ? { visit } : {}),
  };
}
