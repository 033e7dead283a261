"use client";
/**
 * Declare downtime (with a reason) or end it, and choose when phones may sign in. The server
 * refreshes the page after each change (the action revalidates nothing: the page is dynamic and
 * the router refreshes it), so the status above and the banner follow.
 */
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { downtimeAction } from "@/app/(admin)/admin/downtime/actions";
import type { DowntimeFormState } from "@/app/(admin)/admin/downtime/form-state";

export function DowntimeSwitchForm({ declared, byodPolicy }: { declared: boolean; byodPolicy: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<DowntimeFormState, FormData>(downtimeAction, {});
  const [reason, setReason] = useState("");
  useEffect(() => {
    if (state.message) router.refresh();
  }, [state, router]);
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        {declared ? (
          <>
            <p>End downtime when the EPR is back and staff have returned to it. The banner goes at once.</p>
            <button
              type="submit"
              name="intent"
              value="end"
              disabled={pending}
              className="rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60"
            >
              End downtime
            </button>
          </>
        ) : (
          <>
            <label htmlFor="reason" className="block font-medium">
              Reason (shown to every signed-in user in the banner)
            </label>
            <p id="reason-hint" className="text-sm text-slate-700">
              For example &ldquo;EPR unavailable: planned upgrade until 06:00&rdquo;. 3 to 500 characters.
            </p>
            <textarea
              id="reason"
              name="reason"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-describedby={state.error ? "reason-hint downtime-error" : "reason-hint"}
              aria-invalid={state.error ? true : undefined}
              className="w-full rounded border border-slate-400 p-2"
            />
            <button
              type="submit"
              name="intent"
              value="declare"
              disabled={pending}
              className="rounded bg-red-800 px-4 py-2 font-semibold text-white disabled:opacity-60"
            >
              Declare downtime
            </button>
          </>
        )}
        <div role="status" className="min-h-6">
          {state.message ? <p className="text-emerald-900">{state.message}</p> : null}
          {state.error ? (
            <p id="downtime-error" className="text-red-900">
              {state.error}
            </p>
          ) : null}
        </div>
      </form>

      <form action={action} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <fieldset className="space-y-2">
          <legend className="font-semibold">When may staff sign in on their own phones?</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="policy"
              value="during-downtime"
              defaultChecked={byodPolicy === "during-downtime"}
            />
            Only while downtime is declared
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="policy" value="always" defaultChecked={byodPolicy === "always"} />
            Always
          </label>
        </fieldset>
        <button
          type="submit"
          name="intent"
          value="byod-policy"
          disabled={pending}
          className="rounded border border-slate-900 px-4 py-2 font-semibold disabled:opacity-60"
        >
          Save phone sign-in policy
        </button>
      </form>
    </div>
  );
}
