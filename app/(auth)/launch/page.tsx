import type { Metadata } from "next";
import { LaunchSignIn } from "@/components/auth/launch-sign-in";
import { declareRoute } from "@/lib/access/authorize";

// Public: shows no patient data.
declareRoute("public");

export const metadata: Metadata = { title: "Signing in" };

export default function LaunchPage() {
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">Ward PC sign-in</h1>
      <LaunchSignIn />
    </div>
  );
}
