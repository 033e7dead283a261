import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { declareRoute } from "@/lib/access/authorize";
import { hasPermission } from "@/lib/access/roles";
import { listFacilitiesWithWards } from "@/lib/census/facilities";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { myWards } from "@/lib/ward-list/ward-census";

// Public: shows the site and ward directory, no patient data; signed-in clinical staff go
// straight to their first ward list.
declareRoute("public");

export default async function HomePage() {
  await connection();
  const { db } = await getAppContext();
  const principal = await currentPrincipal();
  if (principal && hasPermission(principal.roles, "patients:read")) {
    const [first] = await myWards(db, principal);
    if (first) redirect(`/wards/${first.id}`);
  }
  const facilities = await listFacilitiesWithWards(db);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Wards</h1>
      {principal ? null : (
        <p>
          <Link href="/sign-in" className="underline">
            Sign in
          </Link>{" "}
          to see your ward lists. On a ward PC, use the Downtime shortcut on the desktop.
        </p>
      )}
      {facilities.length === 0 ? (
        <p>No facilities are configured yet.</p>
      ) : (
        facilities.map((facility) => (
          <section key={facility.id} aria-labelledby={`facility-${facility.code}`} className="space-y-3">
            <h2 id={`facility-${facility.code}`} className="text-xl font-semibold">
              {facility.name}{" "}
              <span className="text-sm font-normal text-slate-600">({facility.wards.length} wards)</span>
            </h2>
            <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {facility.wards.map((ward) => (
                <li key={ward.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
                  <p className="font-medium">{ward.name}</p>
                  <p className="text-sm text-slate-600">
                    {ward.specialty ?? "General"} · {ward.bedCount} beds · {ward.code}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
