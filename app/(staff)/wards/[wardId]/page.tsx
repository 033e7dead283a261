import type { Metadata } from "next";
import Link from "next/link";
import { WardListView } from "@/components/ward-list/ward-list-view";
import { WardSwitcher } from "@/components/ward-list/ward-switcher";
import { declareRoute } from "@/lib/access/authorize";
import { assertCanReadWard } from "@/lib/access/ward-scope";
import { isAppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { myWards } from "@/lib/ward-list/ward-census";

export const metadata: Metadata = { title: "Ward list" };

const route = declareRoute("patients:read");

/**
 * The ward list's frame: ward name, switcher and links, with no patient in the HTML. The list
 * itself is drawn on the device from its encrypted copy first, then from /api/wards/{id}
 * (components/ward-list/ward-list-view.tsx), so it shows at once on a slow mobile connection.
 */
export default async function WardPage({ params }: { params: Promise<{ wardId: string }> }) {
  const principal = await pagePrincipal(route);
  const { db } = await getAppContext();
  const { wardId } = await params;
  try {
    await assertCanReadWard(db, principal, wardId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Ward list</h1>
        <p role="alert">This ward is not on your list. Ask your administrator for access, or use search.</p>
      </div>
    );
  }
  const wards = await myWards(db, principal);
  const ward = wards.find((candidate) => candidate.id === wardId);
  return (
    <div className="space-y-2 sm:space-y-4">
      <WardSwitcher wards={wards} current={wardId} />
      <h1 className="text-xl font-bold sm:text-2xl">
        {ward?.name ?? "Ward"}{" "}
        <span className="text-sm font-normal text-slate-700 sm:text-base">{ward?.facilityName}</span>
      </h1>
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        <Link href={`/wards/${wardId}/print`} className="underline">
          Print ward list
        </Link>
        <a href={`/api/wards/${wardId}/documents-pack`} target="_blank" rel="noopener" className="underline">
          {/* The accessible name stays whole; a phone shows the short label, on one line with the others. */}
          Print all documents<span className="sr-only sm:not-sr-only"> for this ward</span>
        </a>
        <Link href="/search" className="underline">
          Search
        </Link>
      </p>
      <WardListView
        key={wardId}
        wardId={wardId}
        identity={{ userId: principal.userId, sessionId: principal.sessionId }}
      />
    </div>
  );
}
