/** A stay's status, and which statuses put it on a ward's census (the one definition of "current"). */

/** Stays that belong on a ward list: expected, present, or on leave and coming back. */
export const currentStayStatuses = ["admitted", "on-leave", "pre-admitted", "registered"] as const;

export type CurrentStayStatus = (typeof currentStayStatuses)[number];

export type StayStatus = CurrentStayStatus | "discharged" | "cancelled";

export function isOnCensus(status: StayStatus): status is CurrentStayStatus {
  return (currentStayStatuses as readonly string[]).includes(status);
}

/** `('admitted', 'on-leave', …)` for `status IN …` (constants only: no parameters, no injection). */
export const currentStayStatusesSql = `(${currentStayStatuses.map((status) => `'${status}'`).join(", ")})`;
