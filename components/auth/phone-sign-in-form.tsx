"use client";
/**
 * Phone sign-in: username + 6-digit code. The fields are controlled, so React's automatic form
 * reset after an action never clears them: a reset landing after the user has started typing the
 * next attempt would send it blank. After a refusal both values stay, ready to correct.
 * `data-ready` (hydrated) and `data-answers` (answers received) let tests wait instead of racing.
 */
import { useActionState, useEffect, useState } from "react";
import { type SignInState, signInWithPhone } from "@/app/(auth)/actions";

type FormState = SignInState & { answers: number };

async function submit(previous: FormState, form: FormData): Promise<FormState> {
  return { ...(await signInWithPhone(previous, form)), answers: previous.answers + 1 };
}

export function PhoneSignInForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(submit, { answers: 0 });
  const [username, setUsername] = useState("");
  const [code, setCode] = useState("");
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <form action={action} className="space-y-4" noValidate data-ready={ready} data-answers={state.answers}>
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
          placeholder={"TRUST\\jbloggs"}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
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
          value={code}
          onChange={(event) => setCode(event.target.value)}
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
