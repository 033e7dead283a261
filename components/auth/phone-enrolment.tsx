"use client";
import { useActionState, useState } from "react";
import { confirmEnrolmentAction, type EnrolState, startEnrolmentAction } from "@/app/(staff)/enrol/actions";

/** Two steps: show the QR code and key once, then prove a first code to activate. */
export function PhoneEnrolment() {
  const [started, setStarted] = useState<EnrolState>({ step: "start" });
  const [state, confirm, pending] = useActionState<EnrolState, FormData>(confirmEnrolmentAction, {
    step: "start",
  });
  const current: EnrolState =
    state.step === "done" ? state : { ...started, error: state.error ?? started.error };

  if (current.step === "done") {
    return (
      <p role="status" className="rounded border border-green-300 bg-green-50 p-4 text-green-900">
        Your phone is set up. Sign in on it with your Windows username and the code from your app.
      </p>
    );
  }
  if (current.step === "start") {
    return (
      <div className="space-y-2">
        <button
          type="button"
          onClick={async () => setStarted(await startEnrolmentAction())}
          className="rounded bg-slate-900 px-4 py-3 font-semibold text-white"
        >
          Set up phone sign-in
        </button>
        {current.error ? (
          <p role="alert" className="text-red-800">
            {current.error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p>1. Scan this code with Google Authenticator or Microsoft Authenticator.</p>
      {/* biome-ignore lint/performance/noImgElement: a data: URL QR code, nothing for next/image to optimise */}
      <img
        src={current.qrDataUrl}
        alt="QR code for your authenticator app"
        width={220}
        height={220}
        className="border"
      />
      <p>
        Or type this key:{" "}
        <code data-testid="totp-secret" className="break-all font-mono">
          {current.secret}
        </code>
      </p>
      <form action={confirm} className="space-y-2">
        <input type="hidden" name="credentialId" value={current.credentialId} />
        <label htmlFor="enrol-code" className="block font-medium">
          2. Enter the 6-digit code your app shows
        </label>
        <input
          id="enrol-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          className="rounded border border-slate-400 px-3 py-2 text-lg"
        />
        {current.error ? (
          <p role="alert" className="text-red-800">
            {current.error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="block rounded bg-slate-900 px-4 py-2 font-semibold text-white"
        >
          Activate
        </button>
      </form>
    </div>
  );
}
