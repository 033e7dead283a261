import { z } from "zod";
import { declareRoute } from "@/lib/access/authorize";
import { keyringFromConfig } from "@/lib/auth/secrets/keyring-from-config";
import { renderEnrolmentSheet } from "@/lib/enrolment/enrolment-sheet-html";
import { issuePrintedEnrolments } from "@/lib/enrolment/printed-sheets";
import { AppError } from "@/lib/errors";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";
import { usersOfWard } from "@/lib/staff/users-of-ward";

const route = declareRoute("admin:enrolment");

const request = z
  .object({
    userIds: z.array(z.uuid()).min(1).max(500).optional(),
    /** Every enabled user whose scope includes this ward, as "FACILITY/WARD" (e.g. RXD01/ALD101). */
    ward: z
      .string()
      .regex(/^[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/)
      .optional(),
    expiresInDays: z.number().int().min(1).max(60).default(14),
  })
  .refine((value) => value.userIds || value.ward, { message: "Give userIds or ward", path: ["userIds"] });

/**
 * Printable A4 enrolment sheet, one card per user. Each card holds a live secret: re-printing
 * rotates it (the old card stops working) and an unused card expires. Never cached.
 */
export function POST(httpRequest: Request) {
  return staffRoute(route, async ({ db, config, principal }) => {
    const parsed = request.safeParse(await jsonBody(httpRequest));
    if (!parsed.success)
      throw new AppError(
        "bad_request",
        `${String(parsed.error.issues[0]!.path[0])}: ${parsed.error.issues[0]!.message}`,
      );
    const now = new Date();
    const userIds = parsed.data.userIds ?? (await usersOfWard(db, parsed.data.ward!));
    if (userIds.length === 0)
      throw new AppError("not_found", "No enabled users have that ward in their scope");
    const cards = await issuePrintedEnrolments(db, {
      userIds,
      expiresInDays: parsed.data.expiresInDays,
      now,
      keyring: keyringFromConfig(config),
      environment: config.appEnv,
      issuedBy: principal,
      ward: parsed.data.userIds ? undefined : parsed.data.ward,
    });
    const html = await renderEnrolmentSheet({
      cards,
      environment: config.appEnv,
      generatedAt: now,
      // Behind CloudFront the request's own origin may be internal: the configured one wins.
      appOrigin: config.publicOrigin ?? new URL(httpRequest.url).origin,
      timeZone: config.timeZone,
    });
    return new Response(html, {
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    });
  });
}
