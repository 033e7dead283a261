import type { Metadata } from "next";
import { DocumentViewer } from "@/components/patient/document-viewer";
import { declareRoute } from "@/lib/access/authorize";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

export const metadata: Metadata = { title: "Document" };

const route = declareRoute("patients:read");

/**
 * A downtime document under its patient's banner. The frame holds no patient data; the record
 * and the bytes are fetched on the device (audited by /api/patients and /api/documents), or read
 * from the device copy with no signal (queued for the audit log).
 */
export default async function DocumentPage({
  params,
}: {
  params: Promise<{ stayId: string; documentId: string }>;
}) {
  const principal = await pagePrincipal(route);
  const { stayId, documentId } = await params;
  return (
    <DocumentViewer
      key={`${stayId}:${documentId}`}
      stayId={stayId}
      documentId={documentId}
      identity={{ userId: principal.userId, sessionId: principal.sessionId }}
    />
  );
}
