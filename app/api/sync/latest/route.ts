import { declareRoute } from "@/lib/access/authorize";
import { isUuid } from "@/lib/access/uuid";
import { readFeedAges } from "@/lib/census/feed-ages";
import { getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/server/http/staff-route";
import { latestChange } from "@/lib/sync/latest-change";

const route = declareRoute("signed-in");

/**
 * A cheap change token for the user's wards, polled by open screens (no patient data). An
 * unchanged token confirms the screen's data as of `checkedAt`, so "as of" stays true while online.
 * `?ward=<id>` narrows it to the ward an open ward list shows (see `latestChange`). It also carries
 * every facility's feed age (lib/census/feed-ages.ts): the poll is the screens' heartbeat, so a feed
 * falling silent shows on an open screen within one poll.
 */
export function GET(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const ward = new URL(request.url).searchParams.get("ward");
    if (ward !== null && !isUuid(ward)) throw new AppError("bad_request", "ward must be a ward id (UUID)");
    const checkedAt = new Date().toISOString();
    const change = await latestChange(db, principal, ward ?? undefined);
    const feeds = await readFeedAges(db, getConfig().feedSilenceMinutes);
    return Response.json({ ...change, checkedAt, feeds }, { headers: { "Cache-Control": "no-store" } });
  });
}
