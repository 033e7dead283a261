"use client";
/**
 * A console form posted to a server action, showing the action's answer beside it: a status
 * message on success, an alert on error. Works for any `runConsoleAction` action; the fields are
 * the children (server-rendered inputs are fine). Submitted by hand rather than through the form's
 * `action` prop, because React resets a form after every such action, errors included: a refused
 * form keeps what the admin typed, and only a successful one is cleared.
 */
import { type FormEvent, type ReactNode, startTransition, useActionState, useEffect, useRef } from "react";
import type { ConsoleActionState } from "@/lib/access/console-action-state";

export type ConsoleAction = (previous: ConsoleActionState, form: FormData) => Promise<ConsoleActionState>;

export function ActionForm({
  action,
  children,
  submitLabel,
  className,
  id,
  danger = false,
  resetOnSuccess = false,
}: {
  action: ConsoleAction;
  children?: ReactNode;
  submitLabel: string;
  className?: string;
  id?: string;
  danger?: boolean;
  /** Clear the fields after a successful answer (a "register another" form). */
  resetOnSuccess?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && resetOnSuccess) form.current?.reset();
  }, [state, resetOnSuccess]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
  return (
    <form ref={form} onSubmit={submit} className={className ?? "space-y-2"} id={id}>
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
