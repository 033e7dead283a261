"use client";
import { useActionState } from "react";
import { createKeyAction, type KeyFormState } from "@/app/(admin)/admin/integration/actions";
import { IssuedKey } from "./issued-key";

const input = "w-full rounded border border-slate-400 px-2 py-1";

/** Create a key for one integration engine, scoped to the sites it may send for. */
export function NewKeyForm({ facilities }: { facilities: readonly { code: string; name: string }[] }) {
  const [state, action, pending] = useActionState<KeyFormState, FormData>(createKeyAction, {});
  return (
    <div className="space-y-3">
      <form
        action={action}
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2"
      >
        <div>
          <label htmlFor="key-name" className="block text-sm font-semibold">
            Name
          </label>
          <input
            id="key-name"
            name="name"
            required
            maxLength={200}
            className={input}
            placeholder="Rhapsody PROD"
          />
        </div>
        <div>
          <label htmlFor="key-rate" className="block text-sm font-semibold">
            Rate limit per minute
          </label>
          <input
            id="key-rate"
            name="rateLimitPerMinute"
            type="number"
            min={1}
            placeholder="6000"
            className={input}
          />
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-semibold">Facilities it may send for</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {facilities.map((facility) => (
              <label key={facility.code} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="facilityCodes" value={facility.code} />
                {facility.code} · {facility.name}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="sm:col-span-2">
          <label htmlFor="key-mrn" className="block text-sm font-semibold">
            MRN assigning authorities (optional, most preferred first)
          </label>
          <input
            id="key-mrn"
            name="mrnAuthorities"
            className={input}
            placeholder="RXD, RXD2"
            aria-describedby="key-mrn-help"
          />
          <p id="key-mrn-help" className="text-sm text-slate-600">
            Blank: the first PID-3 identifier of type MR, PI or PT, else the first that is not an NHS number.
          </p>
        </div>
        <div className="sm:col-span-2">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60"
          >
            Create key
          </button>
        </div>
        {state.error ? (
          <p role="alert" className="text-red-800 sm:col-span-2">
            {state.error}
          </p>
        ) : null}
      </form>
      {state.issued ? <IssuedKey issued={state.issued} /> : null}
    </div>
  );
}
