import { declareRoute } from "@/lib/access/authorize";
import { staffRoute } from "@/lib/server/http/staff-route";
import { latestChange } from "@/lib/sync/latest-change";
import { patientRecord } from "@/lib/ward-list/patient-record";

const route = declareRoute("patients:read");

/** One patient's record by stay id, as JSON: ward scope or break-glass, audited (patient-record.ts). */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    const now = new Date();
    const { token } = await latestChange(db, principal);
    const record = await patientRecord(db, principal, (await params).id, now);
    return Response.json(
      { asOf: now.toISOString(), token, record },
      { headers: { "Cache-Control": "no-store, private" } },
    );
  });
}
