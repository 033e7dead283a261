"use client";
import type { KeyFormState } from "@/app/(admin)/admin/integration/actions";

/** A key just issued: shown this once (only its hash is kept), with what to do with it. */
export function IssuedKey({ issued }: { issued: NonNullable<KeyFormState["issued"]> }) {
  const id = `issued-${issued.clientId}`;
  return (
    <div role="status" className="space-y-2 rounded-lg border-2 border-green-700 bg-green-50 p-4">
      <p className="font-semibold">Key for {issued.name}: copy it now</p>
      <label htmlFor={id} className="block text-sm">
        New API key
      </label>
      <input
        id={id}
        readOnly
        value={issued.key}
        onFocus={(event) => event.currentTarget.select()}
        className="w-full rounded border border-slate-400 bg-white px-2 py-1 font-mono text-sm"
      />
      <p className="text-sm text-slate-700">
        Store it in the integration engine&apos;s credential store. It is shown only this once and cannot be
        recovered; if it is lost, rotate the key.
      </p>
    </div>
  );
}
