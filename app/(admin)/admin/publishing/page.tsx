import type { Metadata } from "next";
import { connection } from "next/server";
import { FacilityChooser } from "@/components/admin/publishing/facility-chooser";
import { PolicyForm } from "@/components/admin/publishing/policy-form";
import { RunPurgeNow } from "@/components/admin/publishing/run-purge-now";
import { declareRoute } from "@/lib/access/authorize";
import { AppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal, refusePage } from "@/lib/server/auth/page-principal";
import { currentFacilityPolicy, listFacilities } from "@/lib/settings/facility-policy-change";

const route = declareRoute("admin:settings");

export const metadata: Metadata = { title: "Publishing and retention" };

export default async function PublishingPage({
  searchParams,
}: {
  searchParams: Promise<{ facility?: string }>;
}) {
  await connection();
  await pagePrincipal(route);
  const { config, db } = await getAppContext();
  const facilities = await listFacilities(db);
  const requested = (await searchParams).facility;
  const facility = requested ? facilities.find((f) => f.code === requested) : facilities[0];
  if (requested && !facility) refusePage(new AppError("not_found", "No such facility"));
  const policy = facility ? await currentFacilityPolicy(db, facility.id) : null;
  const schedule =
    config.purgeIntervalMinutes > 0
      ? `This instance runs the purge every ${config.purgeIntervalMinutes} minutes${
          config.appEnv === "local" ? " (locally, for the demo hospital only)" : ""
        }.`
      : "The purge runs on the deployment's schedule (npm run purge).";
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Publishing and retention</h1>
        <p className="max-w-3xl text-slate-700">
          Per facility: which optional fields are stored and shown to staff, and how long patients are kept
          after they leave. Every change is recorded in the audit log with its before and after.
        </p>
      </div>
      {facility && policy ? (
        <>
          <FacilityChooser facilities={facilities} current={facility.code} />
          <PolicyForm key={facility.id} facility={facility} initial={policy} />
          <section aria-labelledby="purge-now" className="space-y-2 border-t border-slate-200 pt-4">
            <h2 id="purge-now" className="text-lg font-semibold">
              Purge
            </h2>
            <p className="text-slate-700">
              {schedule} Running it now purges every facility under its saved policy, as a scheduled run
              would; it is recorded in the audit log.
            </p>
            <RunPurgeNow />
          </section>
        </>
      ) : (
        <p>No facilities yet: create one under Facilities and wards first.</p>
      )}
    </div>
  );
}
