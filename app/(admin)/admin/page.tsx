import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { declareRoute } from "@/lib/access/authorize";
import { consoleSectionsFor } from "@/lib/access/console-sections";
import { AppError } from "@/lib/errors";
import { pagePrincipal, refusePage } from "@/lib/server/auth/page-principal";

// Signed in, then refused unless the principal may use at least one section.
const route = declareRoute("signed-in");

export const metadata: Metadata = { title: "Console" };

export default async function ConsoleHome() {
  await connection();
  const principal = await pagePrincipal(route);
  const sections = consoleSectionsFor(principal.roles);
  if (sections.length === 0) refusePage(new AppError("forbidden", "Your role does not use the console"));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Console</h1>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map((section) => (
          <li key={section.slug}>
            <Link
              href={`/admin/${section.slug}`}
              className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400"
            >
              <span className="font-semibold">{section.label}</span>
              <span className="mt-1 block text-sm text-slate-600">{section.summary}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
