import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PhoneEnrolment } from "@/components/auth/phone-enrolment";
import { declareRoute } from "@/lib/access/authorize";
import { currentPrincipal } from "@/lib/server/auth/current-principal";

export const metadata: Metadata = { title: "Set up phone sign-in" };

const route = declareRoute("signed-in");

export default async function EnrolPage() {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in");
  route.authorize(principal);
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">Set up phone sign-in</h1>
      {principal.method === "launcher" ? (
        <PhoneEnrolment />
      ) : (
        <p>Set up phone sign-in from a ward PC, opened with the Downtime shortcut.</p>
      )}
    </div>
  );
}
