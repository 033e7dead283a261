"use client";
/**
 * The header's "who is signed in" when the page was served without a session: on the offline
 * page (drawn from the device copy) it names the user whose copy it is; elsewhere it is the
 * sign-in link. Online pages with a session remember the name (RememberSignedInName).
 */
import { useEffect, useState } from "react";
import { rememberSignedInName, signedInName } from "@/lib/offline/signed-in-name";

export function OfflineSignedInAs() {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (document.querySelector("[data-offline-app]")) setName(signedInName());
  }, []);
  if (name === null)
    return (
      <a href="/sign-in" className="rounded px-3 py-1.5 text-sm underline-offset-4 hover:underline sm:py-2">
        Sign in
      </a>
    );
  return (
    <span className="text-sm">
      <span className="font-semibold">{name}</span> <span className="text-slate-300">(offline copy)</span>
    </span>
  );
}

export function RememberSignedInName({ name }: { name: string }) {
  useEffect(() => rememberSignedInName(name), [name]);
  return null;
}
