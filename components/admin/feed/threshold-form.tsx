"use client";
import { useActionState, useId } from "react";
import {
  setThresholdAction,
  stopWatchingAction,
  type ThresholdFormState,
} from "@/app/(admin)/admin/feed/actions";

/** A source's silence threshold: minutes, or the default; and stop watching a retired source. */
export function ThresholdForm({
  source,
  label,
  customMinutes,
  defaultMinutes,
}: {
  source: string;
  label: string;
  customMinutes: number | null;
  defaultMinutes: number;
}) {
  const [state, action, pending] = useActionState<ThresholdFormState, FormData>(setThresholdAction, {});
  const [stopped, stop, stopping] = useActionState<ThresholdFormState, FormData>(stopWatchingAction, {});
  const inputId = useId();
  const error = state.error ?? stopped.error;
  return (
    <div className="space-y-1">
      <form action={action} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="source" value={source} />
        <div>
          <label htmlFor={inputId} className="block text-xs">
            Silent after (minutes) for {label}
          </label>
          <input
            id={inputId}
            name="minutes"
            type="number"
            min={1}
            max={10080}
            defaultValue={customMinutes ?? ""}
            placeholder={`${defaultMinutes} (default)`}
            className="w-36 rounded border border-slate-400 px-2 py-1"
          />
        </div>
        <button
          type="submit"
          name="intent"
          value="set"
          disabled={pending}
          className="rounded bg-slate-900 px-2 py-1 text-sm font-semibold text-white"
        >
          Save
        </button>
        {customMinutes !== null ? (
          <button
            type="submit"
            name="intent"
            value="default"
            disabled={pending}
            className="rounded border border-slate-400 px-2 py-1 text-sm"
          >
            Use default
          </button>
        ) : null}
      </form>
      <form action={stop}>
        <input type="hidden" name="source" value={source} />
        <button
          type="submit"
          disabled={stopping}
          aria-label={`Stop watching ${label}`}
          className="text-xs text-slate-700 underline"
        >
          Stop watching (retired source)
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {state.message ? (
        <p role="status" className="text-sm">
          {state.message}
        </p>
      ) : null}
      {stopped.message ? (
        <p role="status" className="text-sm">
          {stopped.message}
        </p>
      ) : null}
    </div>
  );
}
