"use client";
import { useActionState } from "react";
import { type BreakGlassState, breakGlassAction } from "@/app/(staff)/search/actions";

/** Access to a patient outside the user's wards: asks why, and says it will be reviewed. */
export function BreakGlassForm({
  patientId,
  stayId,
  wardName,
}: {
  patientId: string;
  stayId: string;
  wardName: string | null;
}) {
  const [state, action, pending] = useActionState<BreakGlassState, FormData>(breakGlassAction, {});
  const id = `reason-${stayId}`;
  return (
    <form action={action} className="space-y-2 rounded border border-red-300 bg-red-50 p-3">
      <p>
        A patient on <strong>{wardName ?? "another ward"}</strong> matches. They are outside your wards.
      </p>
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="stayId" value={stayId} />
      <label htmlFor={id} className="block font-medium">
        Why do you need this record? (recorded and reviewed by information governance)
      </label>
      <textarea id={id} name="reason" rows={2} className="w-full rounded border border-slate-400 p-2" />
      {state.error ? (
        <p role="alert" className="text-red-900">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-red-800 px-4 py-2 font-semibold text-white"
      >
        Break glass and open
      </button>
    </form>
  );
}
