import type { Metadata } from "next";
import { PhoneSignInForm } from "@/components/auth/phone-sign-in-form";
import { declareRoute } from "@/lib/access/authorize";

// Public: shows no patient data.
declareRoute("public");

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ ended?: string }> }) {
  const ended = (await searchParams).ended === "1";
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">Sign in</h1>
      {ended ? (
        <p
          role="alert"
          className="rounded border border-amber-600 bg-amber-50 p-3 font-medium text-amber-950"
        >
          Your session has ended. On a ward PC, open Downtime again from the desktop shortcut. On your phone,
          sign in again below.
        </p>
      ) : null}
      <p>
        On a ward PC, open Downtime from the desktop shortcut. On your own phone, sign in with your Windows
        username and the code from your authenticator app.
      </p>
      <PhoneSignInForm />
    </div>
  );
}
