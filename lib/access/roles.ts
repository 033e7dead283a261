/**
 * Roles and what each may do (docs/design.md section 6). Clinicians and ward clerks read patients on
 * the wards in their scope; admins administer but read no patient unless they also hold a
 * clinical role; IG auditors read the audit log.
 */
export const roles = ["clinician", "ward-clerk", "admin", "ig-auditor"] as const;
export type Role = (typeof roles)[number];

export const permissions = {
  "patients:read": ["clinician", "ward-clerk"],
  "patients:break-glass": ["clinician"],
  "admin:users": ["admin"],
  "admin:devices": ["admin"],
  "admin:settings": ["admin"],
  "admin:enrolment": ["admin"],
  "audit:read": ["ig-auditor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function hasPermission(userRoles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return userRoles.some((role) => allowed.includes(role));
}
