"use client";
/** Runs the purge now (every facility), audited; says what it removed. */
import { useActionState } from "react";
import { runPurgeNowAction } from "@/app/(admin)/admin/publishing/actions";
import type { PurgeNowState } from "@/app/(admin)/admin/publishing/form-state";

export function RunPurgeNow() {
  const [state, action, pending] = useActionState<PurgeNowState, FormData>(runPurgeNowAction, {});
  return (
    <form action={action} className="space-y-2">
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-900 px-4 py-2 font-semibold disabled:opacity-60"
      >
        {pending ? "Purging…" : "Run the purge now"}
      </button>
      <div role="status" data-testid="purge-now-result" data-at={state.at} className="min-h-6">
        {state.message ? <p>{state.message}</p> : null}
        {state.error ? <p className="text-red-900">{state.error}</p> : null}
      </div>
    </form>
  );
}
