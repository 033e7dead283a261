import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ImportWizard } from "@/components/admin/users/import-wizard";
import { declareRoute } from "@/lib/access/authorize";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

const route = declareRoute("admin:users");

export const metadata: Metadata = { title: "Import users" };

export default async function ImportUsersPage() {
  await connection();
  await pagePrincipal(route);
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/users" className="underline">
          ← Users
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Import users from CSV</h1>
      <p className="max-w-3xl">
        Every row is checked first and shown below; if any row has a problem, nothing is written. Users are
        then created or updated by username in batches, so importing the same file again after a failure
        completes it without duplicates.
      </p>
      <ImportWizard />
    </div>
  );
}
