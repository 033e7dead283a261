/**
 * The foot of a printed list or summary: who printed it, with room to sign and write the time,
 * so a sheet used on the ward during downtime says who vouched for it and when.
 */
export function SignatureLine({ printedBy }: { printedBy: string }) {
  return (
    <section
      aria-label="Signature"
      className="mt-4 grid grid-cols-1 gap-4 border-t-2 border-black pt-3 text-sm sm:grid-cols-3 print:grid-cols-3 print:break-inside-avoid"
    >
      <p>
        Printed by <strong>{printedBy}</strong>
      </p>
      <p className="flex items-end gap-2">
        Signature <span aria-hidden="true" className="inline-block h-6 flex-1 border-b border-black" />
      </p>
      <p className="flex items-end gap-2">
        Time <span aria-hidden="true" className="inline-block h-6 flex-1 border-b border-black" />
      </p>
    </section>
  );
}
