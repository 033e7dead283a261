import { z } from "zod";
import { declareRoute } from "@/lib/access/authorize";
import { grantBreakGlass } from "@/lib/access/break-glass";
import { AppError } from "@/lib/errors";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("patients:break-glass");

// Bounded only against abuse: the domain refuses (and audits) a reason over 500 characters.
const body = z.object({ reason: z.string().max(5_000) });

/**
 * Break-glass access to a patient outside the user's wards: a reason that says something, a time
 * limit, an IG flag; 429 with Retry-After past the hourly limit (lib/access/break-glass.ts).
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    const parsed = body.safeParse(await jsonBody(request));
    if (!parsed.success) throw new AppError("bad_request", "Give a reason for break-glass access");
    const { reason } = parsed.data;
    const grant = await grantBreakGlass(db, principal, {
      patientId: (await params).id,
      reason,
      now: new Date(),
    });
    return Response.json(grant, { status: 201 });
  });
}
