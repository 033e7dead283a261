"use client";
/**
 * The first thing a keyboard reaches on every page (WCAG 2.4.1): on a ward list it skips the
 * header, switcher and links straight to the patients; elsewhere to the page's main content.
 * Chosen by address, so the offline page (served at the ward's address) says the same.
 */
import { usePathname } from "next/navigation";

export const patientListId = "patient-list";

export function SkipLink() {
  const onWardList = /^\/wards\/[^/]+\/?$/.test(usePathname() ?? "");
  return (
    <a
      href={onWardList ? `#${patientListId}` : "#main"}
      className="sr-only rounded bg-white px-4 py-2 font-semibold text-slate-900 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
    >
      {onWardList ? "Skip to patient list" : "Skip to main content"}
    </a>
  );
}
