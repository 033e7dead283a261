"use client";

/** Opens the browser's print dialog; not itself printed. */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button
      type="button"
      data-no-print=""
      onClick={() => window.print()}
      className="min-h-11 rounded bg-slate-900 px-4 py-2 font-semibold text-white"
    >
      {label}
    </button>
  );
}
