"use client";
/**
 * What a retention change would purge, shown before it is saved, with the confirm button. The
 * figures go back with the confirmation; the server saves only if they are still the figures.
 */
import type { PolicyFormState } from "@/app/(admin)/admin/publishing/form-state";
import { bytesText } from "@/lib/retention/bytes-text";

type Confirm = Extract<PolicyFormState, { kind: "confirm" }>;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function PurgeWarning({ facilityName, state }: { facilityName: string; state: Confirm }) {
  const { impact, dueNow } = state;
  return (
    <div role="alert" className="space-y-3 rounded-lg border-2 border-amber-500 bg-amber-50 p-4">
      <h2 className="text-lg font-semibold">Check before saving</h2>
      {state.figuresMoved ? (
        <p className="font-medium">
          The figures changed since you last looked (new data arrived). These are now:
        </p>
      ) : null}
      <p data-testid="purge-impact">
        With these settings the next purge run removes{" "}
        <strong>{plural(impact.patients, "patient", "patients")}</strong> from {facilityName}:{" "}
        <strong>{plural(impact.currentPatients, "current patient", "current patients")}</strong> on a ward
        list now (staff will see them disappear) and{" "}
        <strong>{plural(impact.documents, "document", "documents")}</strong> ({bytesText(impact.bytes)}).
      </p>
      <p className="text-sm text-slate-800">
        Of those, {impact.byReason.discharged} are past the grace period after discharge and{" "}
        {impact.byReason.stale} have had no message for longer than the stale limit. Under the settings in
        force the next run would remove {plural(dueNow.patients, "patient", "patients")} (
        {plural(dueNow.documents, "document", "documents")}). A purge cannot be undone.
      </p>
      <input type="hidden" name="confirmedPatients" value={impact.patients} />
      <input type="hidden" name="confirmedCurrentPatients" value={impact.currentPatients} />
      <input type="hidden" name="confirmedDocuments" value={impact.documents} />
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="intent"
          value="confirm"
          className="rounded bg-red-800 px-4 py-2 font-semibold text-white"
        >
          Confirm and save
        </button>
        <p className="self-center text-sm">Or change the values above to check again.</p>
      </div>
    </div>
  );
}
