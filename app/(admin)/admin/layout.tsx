import type { ReactNode } from "react";
import { ConsoleNav } from "@/components/admin/console-nav";
import { consoleSectionsFor } from "@/lib/access/console-sections";
import { currentPrincipal } from "@/lib/server/auth/current-principal";

/**
 * The console's frame. Navigation only: every page under it declares and checks its own policy
 * (a layout does not run before its pages, so it cannot be the guard).
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal().catch(() => null);
  const sections = principal ? consoleSectionsFor(principal.roles) : [];
  return (
    <div className="space-y-6">
      {sections.length > 0 ? <ConsoleNav sections={sections} /> : null}
      {children}
    </div>
  );
}
