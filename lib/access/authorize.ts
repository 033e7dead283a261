/**
 * The one authorisation step every route handler and server action takes after validating its
 * input: who may call it (public, signed in, or holding a permission). Ward scope for a given
 * patient or ward is checked afterwards by ward-scope.ts; API-key routes (ingest) authenticate
 * through lib/api-clients (ingestRoute) instead.
 */
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { hasPermission, type Permission, permissions } from "./roles";

export type Requirement = "public" | "signed-in" | { permission: Permission };

/** What a route declares about its callers; "api-key" routes never see a staff principal. */
export type RoutePolicy = "public" | "api-key" | "signed-in" | Permission;

export function authorize(principal: Principal | null, requirement: "public"): Principal | null;
export function authorize(
  principal: Principal | null,
  requirement: "signed-in" | { permission: Permission },
): Principal;
export function authorize(principal: Principal | null, requirement: Requirement): Principal | null;
export function authorize(principal: Principal | null, requirement: Requirement): Principal | null {
  if (requirement === "public") return principal;
  if (!principal) throw new AppError("unauthenticated", "Sign in to continue");
  if (requirement === "signed-in") return principal;
  if (!hasPermission(principal.roles, requirement.permission)) {
    throw new AppError("forbidden", "Your role does not allow this");
  }
  return principal;
}

function isPermission(value: string): value is Permission {
  return Object.hasOwn(permissions, value);
}

export function isRoutePolicy(value: unknown): value is RoutePolicy {
  return (
    typeof value === "string" &&
    (value === "public" || value === "api-key" || value === "signed-in" || isPermission(value))
  );
}

export interface DeclaredRoute {
  readonly policy: RoutePolicy;
  /** Staff routes: the principal, or AppError unauthenticated/forbidden. Not for "api-key" routes. */
  authorize(principal: Principal | null): Principal | null;
}

/**
 * Each route file states its policy once, at the top, so a reviewer (and a test that reads the
 * route files) sees who may call it: `const route = declareRoute("patients:read")`, then
 * `const principal = route.authorize(await currentPrincipal())` in the handler. An unknown policy
 * fails when the module loads, not on the first request.
 */
export function declareRoute(policy: RoutePolicy): DeclaredRoute {
  if (!isRoutePolicy(policy)) throw new Error(`Unknown route policy: ${String(policy)}`);
  return Object.freeze({
    policy,
    authorize(principal: Principal | null) {
      if (policy === "api-key") {
        throw new AppError("internal", "API-key routes authenticate with lib/api-clients, not a session");
      }
      return authorize(principal, requirementFor(policy));
    },
  });
}

export function requirementFor(policy: Exclude<RoutePolicy, "api-key">): Requirement {
  return policy === "public" || policy === "signed-in" ? policy : { permission: policy };
}
