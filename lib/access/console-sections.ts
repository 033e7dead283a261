/**
 * The admin and IG console's sections and the permission each needs (docs/design.md section 6).
 * The header links to the console, and the console lists a section, only for principals who may
 * use it; each page still checks its own policy on the server (`declareRoute`), so this list is
 * navigation, not authorisation.
 */
import { hasPermission, type Permission, type Role } from "./roles";

export interface ConsoleSection {
  /** Path under /admin. */
  readonly slug: string;
  readonly label: string;
  readonly summary: string;
  readonly permission: Permission;
}

export const consoleSections: readonly ConsoleSection[] = [
  {
    slug: "users",
    label: "Users",
    summary: "Staff, roles, ward scope, CSV import.",
    permission: "admin:users",
  },
  {
    slug: "enrolment",
    label: "QR enrolment sheets",
    summary: "Print phone sign-in cards for users or a whole ward.",
    permission: "admin:enrolment",
  },
  {
    slug: "devices",
    label: "Ward PCs",
    summary: "Register and revoke ward PC launchers.",
    permission: "admin:devices",
  },
  {
    slug: "facilities",
    label: "Facilities and wards",
    summary: "Sites, wards and patient counts.",
    permission: "admin:settings",
  },
  {
    slug: "publishing",
    label: "Publishing and retention",
    summary: "What staff see, and how long it is kept.",
    permission: "admin:settings",
  },
  {
    slug: "integration",
    label: "API keys",
    summary: "Keys the integration engine posts with.",
    permission: "admin:settings",
  },
  {
    slug: "feed",
    label: "Feed health",
    summary: "Messages per minute, rejections, silence alarm.",
    permission: "admin:settings",
  },
  {
    slug: "storage",
    label: "Storage",
    summary: "Documents held, history, purges, GB-months.",
    permission: "admin:settings",
  },
  {
    slug: "downtime",
    label: "Downtime switch",
    summary: "Declare and end downtime.",
    permission: "admin:settings",
  },
  {
    slug: "readiness",
    label: "Readiness",
    summary: "Per ward: enrolment, sign-ins, ward PCs, feed.",
    permission: "admin:settings",
  },
  {
    slug: "ig",
    label: "IG reports",
    summary: "Who accessed which record, when and how.",
    permission: "audit:read",
  },
];

export function consoleSectionsFor(userRoles: readonly Role[]): ConsoleSection[] {
  return consoleSections.filter((section) => hasPermission(userRoles, section.permission));
}
