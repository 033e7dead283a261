"use client";

import Link from "next/link";

/**
 * What a page shows when the server could not build it (most often: its database is unreachable).
 * The server's error text never reaches the browser (Next.js sends a digest only), so this says
 * what staff can do now rather than what failed: try again, or open the copy saved on this device.
 */
export function PageFailure({ reset, savedCopy }: { reset: () => void; savedCopy: boolean }) {
  return (
    <div role="alert" className="space-y-4 border-l-8 border-red-700 bg-red-50 p-4 text-red-950">
      <h1 className="text-2xl font-bold">Downtime could not load this page</h1>
      <p>
        The server did not answer with this page just now; it may not be able to reach its database. Nothing
        on this page is current.
      </p>
      <p className="flex flex-wrap gap-4">
        <button
          type="button"
          onClick={reset}
          className="rounded bg-red-800 px-4 py-2 font-semibold text-white"
        >
          Try again
        </button>
        {savedCopy ? (
          // A full navigation, not a client transition: the saved copy is drawn by the offline page.
          <a href="/offline" className="px-1 py-2 underline">
            Open the copy saved on this device
          </a>
        ) : (
          <Link href="/" className="px-1 py-2 underline">
            Back to the start page
          </Link>
        )}
      </p>
    </div>
  );
}
