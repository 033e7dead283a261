import { declareRoute } from "@/lib/access/authorize";
import { readFeedAges } from "@/lib/census/feed-ages";
import { getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/server/http/staff-route";
import { syncPage } from "@/lib/sync/sync-feed";

const route = declareRoute("signed-in");

/** Offline cache feed: changes on the user's wards since a cursor, paged (lib/sync/sync-types.ts). */
export function GET(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const params = new URL(request.url).searchParams;
    const limit = Number(params.get("limit") ?? 200);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new AppError("bad_request", "limit: 1 to 500");
    // BYOD devices keep patient data for less time than ward PCs (docs/design.md section 7).
    const ttl = getConfig().offlineCacheTtlSeconds;
    const cacheTtlSeconds = principal.method === "byod" ? ttl.byod : ttl.launcher;
    const page = await syncPage(db, principal, {
      cursor: params.get("cursor") ?? undefined,
      limit,
      now: new Date(),
      cacheTtlSeconds,
    });
    // The last page of a round carries the feed ages: the device copy keeps them beside its "as of",
    // so the offline screens still say when the hospital system last sent an update.
    const feeds = page.hasMore ? undefined : await readFeedAges(db, getConfig().feedSilenceMinutes);
    return Response.json({ ...page, feeds }, { headers: { "Cache-Control": "no-store" } });
  });
}
