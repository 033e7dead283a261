"use client";
import { useActionState } from "react";
import { type SignInState, signInWithPhone } from "@/app/(auth)/actions";

export function PhoneSignInForm() {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPhone, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <div className="space-y-1">
        <label htmlFor="username" className="block font-medium">
          Windows username
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="TRUST\\jbloggs"
          className="w-full rounded border border-slate-400 px-3 py-3 text-lg"
          required
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="code" className="block font-medium">
          6-digit code from your authenticator app
        </label>
        <input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={7}
          className="w-full rounded border border-slate-400 px-3 py-3 text-lg tracking-widest"
          required
        />
      </div>
      {state.error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-slate-900 px-4 py-3 text-lg font-semibold text-white disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
