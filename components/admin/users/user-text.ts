/** How the console writes roles, enrolment states and sign-in times. */
import type { Role } from "@/lib/access/roles";
import type { EnrolmentState } from "@/lib/staff/staff-list-query";

export const roleLabel: Record<Role, string> = {
  clinician: "Clinician",
  "ward-clerk": "Ward clerk",
  admin: "Admin",
  "ig-auditor": "IG auditor",
};

export const enrolmentLabel: Record<EnrolmentState, string> = {
  none: "Not set up",
  pending: "Pending",
  active: "Active",
};

export function signInTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "2-digit",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
}
