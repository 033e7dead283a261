import type { Metadata } from "next";
import { PatientView } from "@/components/patient/patient-view";
import { declareRoute } from "@/lib/access/authorize";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

export const metadata: Metadata = { title: "Patient" };

const route = declareRoute("patients:read");

/**
 * The patient screen's frame. The record is drawn on the device from its encrypted copy first,
 * then from /api/patients/{stayId}, which checks scope or break-glass and audits the read.
 */
export default async function PatientPage({ params }: { params: Promise<{ stayId: string }> }) {
  const principal = await pagePrincipal(route);
  const { stayId } = await params;
  return (
    <PatientView
      key={stayId}
      stayId={stayId}
      identity={{ userId: principal.userId, sessionId: principal.sessionId }}
    />
  );
}
