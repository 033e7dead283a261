"use client";
/**
 * A console form posting to a server action, with the action's answer beside it: an error as an
 * alert, what was done as a status line. The fields are the caller's (server-rendered children).
 */
import { type FormEvent, type ReactNode, startTransition, useActionState } from "react";
import type { UserFormState } from "@/app/(admin)/admin/users/actions";

export function ActionForm({
  action,
  submitLabel,
  children,
  tone = "default",
  className = "",
  label,
  keepValues = false,
}: {
  action: (previous: UserFormState, form: FormData) => Promise<UserFormState>;
  submitLabel: string;
  children?: ReactNode;
  tone?: "default" | "danger" | "quiet";
  className?: string;
  /** The form's accessible name (forms with several on one page). */
  label?: string;
  /**
   * Keep what was typed when the action refuses it. React resets a form after its `action` runs;
   * a form submitted through onSubmit is not reset, so a long form is corrected, not retyped.
   */
  keepValues?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const button =
    tone === "danger"
      ? "bg-red-800 text-white"
      : tone === "quiet"
        ? "border border-slate-400 bg-white text-slate-900"
        : "bg-slate-900 text-white";
  return (
    <form
      action={formAction}
      onSubmit={keepValues ? (event) => submitKeepingValues(event, formAction) : undefined}
      aria-label={label}
      className={`space-y-2 ${className}`}
    >
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className={`rounded px-3 py-1.5 font-semibold disabled:opacity-60 ${button}`}
        >
          {pending ? "Working…" : submitLabel}
        </button>
        {state.error ? (
          <p role="alert" className="text-red-900">
            {state.error}
          </p>
        ) : state.done ? (
          <p role="status" className="text-green-900">
            {state.done}
          </p>
        ) : null}
      </div>
    </form>
  );
}

function submitKeepingValues(event: FormEvent<HTMLFormElement>, dispatch: (form: FormData) => void) {
  event.preventDefault();
  const form = new FormData(event.currentTarget);
  startTransition(() => dispatch(form));
}
