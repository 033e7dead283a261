import { z } from "zod";
import { declareRoute } from "@/lib/access/authorize";
import { listDevices, registerDevice } from "@/lib/auth/launcher/devices";
import { AppError } from "@/lib/errors";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:devices");

const registration = z.object({
  id: z.string(),
  name: z.string().min(1).max(100),
  location: z.string().min(1).max(200),
  wardId: z.uuid().optional(),
  publicJwk: z.unknown(),
});

/** Ward PCs: list, and register one with the public key its launcher printed (keygen). */
export function GET() {
  return staffRoute(route, async ({ db }) =>
    Response.json(await listDevices(db), { headers: { "Cache-Control": "no-store" } }),
  );
}

export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const parsed = registration.safeParse(await jsonBody(request));
    if (!parsed.success)
      throw new AppError(
        "bad_request",
        `${String(parsed.error.issues[0]!.path[0])}: ${parsed.error.issues[0]!.message}`,
      );
    const by = { userId: principal.userId, username: principal.username, method: principal.method };
    return Response.json(await registerDevice(db, { ...parsed.data, by }), { status: 201 });
  });
}
