"use client";
/**
 * A console form posted to a server action, showing the action's answer beside it: a status
 * message on success, an alert on error. Works for any `runConsoleAction` action; the fields are
 * the children (server-rendered inputs are fine).
 */
import { type ReactNode, useActionState } from "react";
import type { ConsoleActionState } from "@/lib/access/console-action-state";

export type ConsoleAction = (previous: ConsoleActionState, form: FormData) => Promise<ConsoleActionState>;

export function ActionForm({
  action,
  children,
  submitLabel,
  className,
  id,
  danger = false,
}: {
  action: ConsoleAction;
  children?: ReactNode;
  submitLabel: string;
  className?: string;
  id?: string;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={className ?? "space-y-2"} id={id}>
      {children}
      <button
        type="submit"
        disabled={pending}
        className={`min-h-11 rounded px-4 py-2 font-semibold text-white disabled:opacity-60 ${
          danger ? "bg-red-700 hover:bg-red-800" : "bg-slate-900 hover:bg-slate-700"
        }`}
      >
        {pending ? "Working…" : submitLabel}
      </button>
      <FormAnswer state={state} />
    </form>
  );
}

export function FormAnswer({ state }: { state: ConsoleActionState }) {
  if (state.error)
    return (
      <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
        {state.error}
      </p>
    );
  if (state.message)
    return (
      <p
        role="status"
        className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900"
      >
        {state.message}
      </p>
    );
  return null;
}
