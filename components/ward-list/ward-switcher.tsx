import Link from "next/link";
import type { WardWithCounts } from "@/lib/ward-list/ward-census";

/** The user's wards with occupancy, for switching; the current one is marked. */
export function WardSwitcher({ wards, current }: { wards: WardWithCounts[]; current?: string }) {
  return (
    <nav aria-label="Your wards">
      <ul className="flex flex-wrap gap-2">
        {wards.map((ward) => (
          <li key={ward.id}>
            <Link
              href={`/wards/${ward.id}`}
              aria-current={ward.id === current ? "page" : undefined}
              className={`inline-block min-h-11 rounded border px-3 py-2 ${ward.id === current ? "border-slate-900 bg-slate-900 text-white" : "border-slate-400 bg-white"}`}
            >
              {ward.name}{" "}
              <span className="text-sm">
                ({ward.occupied}/{ward.bedCount})
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
