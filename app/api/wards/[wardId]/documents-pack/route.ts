import { declareRoute } from "@/lib/access/authorize";
import { wardDocumentsPack } from "@/lib/documents/print-pack/ward-pack";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("patients:read");

/** Every downtime document for the ward's patients as one PDF to print; scope-checked and audited. */
export function GET(_request: Request, { params }: { params: Promise<{ wardId: string }> }) {
  return staffRoute(route, async ({ db, storage, principal }) => {
    const pack = await wardDocumentsPack({ db, storage }, principal, (await params).wardId, new Date());
    return new Response(pack.pdf, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(pack.pdf.byteLength),
        "Content-Disposition": `inline; filename="${pack.filename}"`,
        "Cache-Control": "no-store, private",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
