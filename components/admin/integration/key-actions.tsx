"use client";
import { useActionState } from "react";
import { type KeyFormState, revokeKeyAction, rotateKeyAction } from "@/app/(admin)/admin/integration/actions";
import { IssuedKey } from "./issued-key";

/**
 * Rotate (revoke and reissue with the same settings) or revoke one active key, each confirmed.
 * Rendered for revoked keys too (without the buttons), so the key a rotation just issued stays on
 * screen when the page refreshes and this row shows as revoked.
 */
export function KeyActions({ id, name, active }: { id: string; name: string; active: boolean }) {
  const [rotated, rotate, rotating] = useActionState<KeyFormState, FormData>(rotateKeyAction, {});
  const [revoked, revoke, revoking] = useActionState<KeyFormState, FormData>(revokeKeyAction, {});
  const error = rotated.error ?? revoked.error;
  return (
    <div className="space-y-2">
      {active ? (
        <div className="flex flex-wrap gap-2">
          <details>
            <summary className="cursor-pointer rounded border border-slate-400 px-2 py-1 text-sm">
              Rotate…
            </summary>
            <form action={rotate} className="mt-2">
              <input type="hidden" name="id" value={id} />
              <button
                type="submit"
                disabled={rotating}
                aria-label={`Confirm rotating ${name}`}
                className="rounded bg-amber-700 px-2 py-1 text-sm font-semibold text-white"
              >
                Revoke and issue a new key
              </button>
            </form>
          </details>
          <details>
            <summary className="cursor-pointer rounded border border-red-700 px-2 py-1 text-sm text-red-800">
              Revoke…
            </summary>
            <form action={revoke} className="mt-2">
              <input type="hidden" name="id" value={id} />
              <button
                type="submit"
                disabled={revoking}
                aria-label={`Confirm revoking ${name}`}
                className="rounded bg-red-700 px-2 py-1 text-sm font-semibold text-white"
              >
                Revoke now
              </button>
            </form>
          </details>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {revoked.message ? (
        <p role="status" className="text-sm">
          {revoked.message}
        </p>
      ) : null}
      {rotated.issued ? <IssuedKey issued={rotated.issued} /> : null}
    </div>
  );
}
