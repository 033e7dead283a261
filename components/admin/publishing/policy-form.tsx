"use client";
/**
 * A facility's publishing and retention form with a live preview: the sample patient is put
 * through the same publishing filter ingest uses and drawn with the ward list's own row
 * (WardTable), redrawn as boxes are ticked, before anything is saved. A retention change is
 * saved in two steps: the server answers with what it would purge (the purge runner's own
 * candidate query), and the admin confirms those figures.
 */
import { useActionState, useMemo, useState } from "react";
import { savePolicyAction } from "@/app/(admin)/admin/publishing/actions";
import type { PolicyFormState } from "@/app/(admin)/admin/publishing/form-state";
import { WardTable } from "@/components/ward-list/ward-table";
import type { OptionalField } from "@/lib/adt/events";
import type { FacilityPolicyValues } from "@/lib/census/policy-form";
import { alwaysPublished, publishableFields } from "@/lib/census/publishing-fields";
import { samplePreviewEntry } from "@/lib/census/sample-patient";
import { PurgeWarning } from "./purge-warning";

export function PolicyForm({
  facility,
  initial,
}: {
  facility: { id: string; code: string; name: string };
  initial: FacilityPolicyValues;
}) {
  const [state, action, pending] = useActionState<PolicyFormState, FormData>(savePolicyAction, {
    kind: "idle",
  });
  const [fields, setFields] = useState<OptionalField[]>(initial.publishing.fields);
  const [grace, setGrace] = useState(String(initial.retention.graceHoursAfterDischarge));
  const [stale, setStale] = useState(String(initial.retention.maxDaysWithoutEvents));
  const [now] = useState(() => new Date());
  const preview = useMemo(() => samplePreviewEntry(fields, now), [fields, now]);
  const errors = state.kind === "invalid" ? state.errors : {};
  // The warning is for the values it was computed for: editing them again withdraws it.
  const warning =
    state.kind === "confirm" &&
    String(state.retention.graceHoursAfterDischarge) === grace.trim() &&
    String(state.retention.maxDaysWithoutEvents) === stale.trim()
      ? state
      : null;

  const toggle = (field: OptionalField, on: boolean) =>
    setFields((current) => (on ? [...new Set([...current, field])] : current.filter((f) => f !== field)));

  return (
    <form action={action} className="space-y-6" noValidate>
      <input type="hidden" name="facilityId" value={facility.id} />
      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <legend className="px-1 text-lg font-semibold">What staff see</legend>
        <p className="text-sm text-slate-700">
          {alwaysPublished} Untick a field to stop storing it: messages from now on arrive without it, and a
          patient's stored value goes at their next update or purge.
        </p>
        <ul className="grid gap-2 md:grid-cols-2">
          {publishableFields.map(({ field, label, explanation }) => (
            <li key={field} className="flex gap-2">
              <input
                id={`field-${field}`}
                type="checkbox"
                name="fields"
                value={field}
                checked={fields.includes(field)}
                onChange={(event) => toggle(field, event.target.checked)}
                aria-describedby={`field-${field}-hint`}
                className="mt-1 size-5"
              />
              <span>
                <label htmlFor={`field-${field}`} className="font-medium">
                  {label}
                </label>
                <span id={`field-${field}-hint`} className="block text-sm text-slate-700">
                  {explanation}
                </span>
              </span>
            </li>
          ))}
        </ul>
        {errors.fields ? (
          <p role="alert" className="text-red-900">
            {errors.fields}
          </p>
        ) : null}
      </fieldset>

      <section aria-labelledby="preview-heading" className="space-y-2">
        <h2 id="preview-heading" className="text-lg font-semibold">
          Preview: one ward list row as staff will see it
        </h2>
        <p className="text-sm text-slate-700">
          An invented sample patient, not a real record, filtered by the boxes ticked above (not saved yet).
        </p>
        {/* The row's link names no real patient: clicks stay here. */}
        <div
          data-testid="ward-row-preview"
          className="rounded-lg border-2 border-dashed border-slate-300 bg-slate-50 p-2"
          onClickCapture={(event) => event.preventDefault()}
        >
          <WardTable entries={[preview]} now={now} />
        </div>
      </section>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <legend className="px-1 text-lg font-semibold">How long it is kept</legend>
        <NumberField
          id="graceHoursAfterDischarge"
          label="Grace period after discharge (hours)"
          hint="How long a discharged patient stays held after the discharge time, so a discharge cancelled in error (A13) can be undone. 0 purges at the next run."
          value={grace}
          onChange={setGrace}
          error={errors.graceHoursAfterDischarge}
        />
        <NumberField
          id="maxDaysWithoutEvents"
          label="Days without any event before a stay counts as stale"
          hint="A stay with no message for this long is purged whatever its status, so nobody lingers on a ward list when the discharge never arrives."
          value={stale}
          onChange={setStale}
          error={errors.maxDaysWithoutEvents}
        />
      </fieldset>

      {warning ? (
        <PurgeWarning facilityName={facility.name} state={warning} />
      ) : (
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={pending}
          className="rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60"
        >
          {pending ? "Checking…" : "Save changes"}
        </button>
      )}
      <div role="status" className="min-h-6">
        {state.kind === "saved" ? (
          <p className="text-emerald-900">
            Saved. Publishing applies to messages from now on; the retention applies from the next purge run.
          </p>
        ) : null}
        {state.kind === "unchanged" ? <p>Nothing changed: the policy already says that.</p> : null}
        {state.kind === "error" ? <p className="text-red-900">{state.message}</p> : null}
        {state.kind === "invalid" ? <p className="text-red-900">Correct the fields marked above.</p> : null}
      </div>
    </form>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const describedBy = props.error ? `${props.id}-hint ${props.id}-error` : `${props.id}-hint`;
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block font-medium">
        {props.label}
      </label>
      <p id={`${props.id}-hint`} className="text-sm text-slate-700">
        {props.hint}
      </p>
      <input
        id={props.id}
        name={props.id}
        inputMode="numeric"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-describedby={describedBy}
        aria-invalid={props.error ? true : undefined}
        className="w-32 rounded border border-slate-400 px-3 py-2"
      />
      {props.error ? (
        <p id={`${props.id}-error`} className="text-red-900">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
