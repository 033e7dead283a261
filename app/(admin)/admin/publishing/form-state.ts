/** What the publishing page's server actions answer (a plain module: "use server" files export only actions). */
import type { FacilityPolicyValues, PolicyFormErrors } from "@/lib/census/policy-form";
import type { PurgeImpact } from "@/lib/retention/purge-impact";

export type PolicyFormState =
  | { kind: "idle" }
  | { kind: "invalid"; errors: PolicyFormErrors }
  | { kind: "error"; message: string }
  | {
      kind: "confirm";
      /** The retention values the figures are for. */
      retention: FacilityPolicyValues["retention"];
      impact: PurgeImpact;
      dueNow: PurgeImpact;
      figuresMoved: boolean;
    }
  | { kind: "saved" | "unchanged"; saved: FacilityPolicyValues };

export interface PurgeNowState {
  message?: string;
  error?: string;
  at?: string;
}
