import type { AppEnvironment } from "@/lib/env";

/**
 * A coloured strip on every non-production page so nobody mistakes test or training data for a
 * real patient's. Colours keep at least 4.5:1 contrast with their text (WCAG 2.2 AA).
 */
const banners: Record<Exclude<AppEnvironment, "prod">, { label: string; className: string }> = {
  local: { label: "LOCAL — synthetic demo data, not for clinical use", className: "bg-slate-800 text-white" },
  build: { label: "BUILD — test environment, not for clinical use", className: "bg-purple-800 text-white" },
  mock: { label: "MOCK — test data, not for clinical use", className: "bg-sky-800 text-white" },
  cert: {
    label: "CERT — certification environment, not for clinical use",
    className: "bg-amber-400 text-black",
  },
  training: {
    label: "TRAINING — fictional patients, not for clinical use",
    className: "bg-emerald-800 text-white",
  },
};

export function EnvironmentBanner({ environment }: { environment: AppEnvironment }) {
  if (environment === "prod") return null;
  const banner = banners[environment];
  return (
    <div
      role="note"
      aria-label="Environment"
      data-environment={environment}
      className={`${banner.className} px-2 py-0.5 text-center text-xs font-semibold sm:px-4 sm:py-1.5 sm:text-sm sm:tracking-wide`}
    >
      {banner.label}
    </div>
  );
}
