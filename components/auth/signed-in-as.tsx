import { signOutAction } from "@/app/(auth)/actions";
import { SignOutButton } from "@/components/offline/sign-out-button";
import type { Principal } from "@/lib/auth/principal";

/** Who is signed in, and how (a ward PC shows its device), with a sign-out button. */
export function SignedInAs({ principal }: { principal: Principal | null }) {
  if (!principal) {
    return (
      <a href="/sign-in" className="rounded px-3 py-2 text-sm underline-offset-4 hover:underline">
        Sign in
      </a>
    );
  }
  const how = principal.method === "launcher" ? `ward PC ${principal.deviceId ?? ""}`.trim() : "phone";
  return (
    <div className="flex items-center gap-3 text-sm">
      <span>
        <span className="font-semibold">{principal.displayName}</span>{" "}
        <span className="text-slate-300">({how})</span>
      </span>
      <SignOutButton action={signOutAction} />
    </div>
  );
}
