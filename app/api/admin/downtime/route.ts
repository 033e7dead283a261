import { z } from "zod";
import { declareRoute } from "@/lib/access/authorize";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";
import {
  byodPolicy,
  declareDowntime,
  downtimeStatus,
  endDowntime,
  setByodPolicy,
} from "@/lib/settings/downtime-switch";

const route = declareRoute("admin:settings");

const change = z.discriminatedUnion("action", [
  z.object({ action: z.literal("declare"), reason: z.string() }),
  z.object({ action: z.literal("end") }),
  z.object({ action: z.literal("byod-policy"), policy: z.enum(["always", "during-downtime"]) }),
]);

async function state(db: Parameters<typeof downtimeStatus>[0]) {
  return { downtime: await downtimeStatus(db), byodPolicy: await byodPolicy(db) };
}

/** The downtime switch: declare or end downtime, and whether phones may sign in outside it. */
export function GET() {
  return staffRoute(route, async ({ db }) =>
    Response.json(await state(db), { headers: { "Cache-Control": "no-store" } }),
  );
}

export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const parsed = change.safeParse(await jsonBody(request));
    if (!parsed.success)
      return Response.json(
        { status: 400, title: "Bad request", detail: parsed.error.issues[0]!.message },
        { status: 400 },
      );
    const body = parsed.data;
    if (body.action === "declare") await declareDowntime(db, principal, { reason: body.reason });
    else if (body.action === "end") await endDowntime(db, principal);
    else await setByodPolicy(db, principal, body.policy);
    return Response.json(await state(db));
  });
}
