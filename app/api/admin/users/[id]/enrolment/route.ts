import { declareRoute } from "@/lib/access/authorize";
import { resetEnrolment } from "@/lib/enrolment/printed-sheets";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:enrolment");

/** Reset a user's phone sign-in (lost phone): every credential goes; audited. */
export function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    const removed = await resetEnrolment(db, { userId: (await params).id, by: principal });
    return Response.json({ removed });
  });
}
