import { signOutAction } from "@/app/(auth)/actions";
import { SignOutButton } from "@/components/offline/sign-out-button";
import type { Principal } from "@/lib/auth/principal";
import { OfflineSignedInAs, RememberSignedInName } from "../deferred-extras";

/** Who is signed in, and how (a ward PC shows its device), with a sign-out button. */
export function SignedInAs({ principal }: { principal: Principal | null }) {
  if (!principal) return <OfflineSignedInAs />;
  const how = principal.method === "launcher" ? `ward PC ${principal.deviceId ?? ""}`.trim() : "phone";
  return (
    <div className="flex items-center gap-1.5 text-sm sm:gap-3">
      <span>
        <span className="font-semibold">{principal.displayName}</span>{" "}
        {/* A ward PC is never phone-sized: its device name is left out on narrow screens. */}
        <span className={`text-slate-300 ${principal.method === "launcher" ? "hidden sm:inline" : ""}`}>
          ({how})
        </span>
      </span>
      <SignOutButton action={signOutAction} />
      <RememberSignedInName name={principal.displayName} />
    </div>
  );
}
