/**
 * Whether downtime is declared, for the banner in the root layout: one primary-key read of
 * `app_setting` per page. It must never cost the page: any failure (database down, bad value)
 * answers "not known" and the page renders without the banner.
 */
import "server-only";
import { log, safeError } from "@/lib/log";
import { getAppContext } from "@/lib/runtime/app-context";
import { type DowntimeStatus, downtimeStatus } from "@/lib/settings/downtime-switch";

export async function declaredDowntime(): Promise<DowntimeStatus | null> {
  try {
    const { db } = await getAppContext();
    const status = await downtimeStatus(db);
    return status.declared ? status : null;
  } catch (error) {
    log.warn("downtime.banner.unreadable", safeError(error));
    return null;
  }
}
