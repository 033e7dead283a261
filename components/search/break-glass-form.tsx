"use client";
/**
 * Access to a patient outside the user's wards: asks why, and says it will be reviewed. The reason
 * is kept in state, so a refusal (too short, or the hourly limit) leaves it on screen to correct
 * rather than cleared by React's reset after the action. The server checks the reason (no
 * minLength here, so a short one reaches it and its refusal is audited).
 */
import { useActionState, useState } from "react";
import { type BreakGlassState, breakGlassAction } from "@/app/(staff)/search/break-glass-action";

export function BreakGlassForm({ patientId, patientName }: { patientId: string; patientName: string }) {
  const [state, action, pending] = useActionState<BreakGlassState, FormData>(breakGlassAction, {});
  const [reason, setReason] = useState("");
  const id = `reason-${patientId}`;
  const hint = `${id}-hint`;
  const error = `${id}-error`;
  return (
    <form action={action} className="mt-2 space-y-2">
      <input type="hidden" name="patientId" value={patientId} />
      <label htmlFor={id} className="block font-medium">
        Why do you need {patientName}&rsquo;s record? (recorded and reviewed by information governance)
      </label>
      <p id={hint} className="text-sm text-slate-800">
        A few words that say why, for example &ldquo;covering this ward tonight, asked to review&rdquo;.
        Emergency access is limited to 5 patients an hour.
      </p>
      <textarea
        id={id}
        name="reason"
        rows={2}
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        aria-describedby={state.error ? `${hint} ${error}` : hint}
        aria-invalid={state.error ? true : undefined}
        className="w-full rounded border border-slate-400 p-2"
      />
      {state.error ? (
        <p id={error} role="alert" className="text-red-900">
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
