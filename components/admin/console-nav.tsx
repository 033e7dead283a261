import Link from "next/link";
import type { ConsoleSection } from "@/lib/access/console-sections";

/** The console's section links; wraps on a phone, one row or two at 1366×768. */
export function ConsoleNav({ sections }: { sections: readonly ConsoleSection[] }) {
  return (
    <nav aria-label="Console" data-no-print="" className="border-b border-slate-200 pb-3">
      <ul className="flex flex-wrap gap-1 text-sm">
        <li>
          <Link href="/admin" className="block rounded px-3 py-2 font-semibold hover:bg-slate-100">
            Console
          </Link>
        </li>
        {sections.map((section) => (
          <li key={section.slug}>
            <Link href={`/admin/${section.slug}`} className="block rounded px-3 py-2 hover:bg-slate-100">
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
