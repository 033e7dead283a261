import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/users/action-form";
import { roleLabel } from "@/components/admin/users/user-text";
import { declareRoute } from "@/lib/access/authorize";
import { roles } from "@/lib/access/roles";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { scopeChoices } from "@/lib/staff/scope-choices";
import { createUserAction } from "../actions";

const route = declareRoute("admin:users");

export const metadata: Metadata = { title: "New user" };

const field = "rounded border border-slate-400 bg-white px-2 py-1.5";

export default async function NewUserPage() {
  await connection();
  await pagePrincipal(route);
  const { db } = await getAppContext();
  const choices = await scopeChoices(db);
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/users" className="underline">
          ← Users
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New user</h1>
      <ActionForm
        action={createUserAction}
        submitLabel="Create user"
        label="New user"
        keepValues
        className="max-w-3xl rounded border border-slate-200 bg-white p-4"
      >
        <label className="flex max-w-md flex-col font-medium">
          Windows username
          <input
            name="username"
            required
            placeholder="TRUST\jbloggs"
            autoComplete="off"
            aria-describedby="username-hint"
            className={`${field} font-mono`}
          />
        </label>
        <p id="username-hint" className="text-sm text-slate-700">
          DOMAIN\user, as the user signs in to Windows.
        </p>
        <label className="flex max-w-md flex-col font-medium">
          Display name
          <input name="displayName" required maxLength={100} className={field} />
        </label>
        <fieldset>
          <legend className="font-medium">Roles</legend>
          <div className="flex flex-wrap gap-4">
            {roles.map((role) => (
              <label key={role} className="flex items-center gap-1.5">
                <input type="checkbox" name="roles" value={role} />
                {roleLabel[role]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap gap-6">
          <label className="flex flex-col font-medium">
            Wards (hold Ctrl to choose several)
            <select name="wards" multiple size={8} className={`${field} min-w-72`}>
              {choices.wards.map((ward) => (
                <option key={ward.code} value={ward.code}>
                  {ward.code} {ward.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col font-medium">
            Facilities (every ward)
            <select name="facilities" multiple size={4} className={`${field} min-w-72`}>
              {choices.facilities.map((facility) => (
                <option key={facility.code} value={facility.code}>
                  {facility.code} {facility.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="enabled" defaultChecked />
          Enabled (may sign in)
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="nonProdAllowed" />
          May sign in to test environments (Cert, Mock, Build, Training)
        </label>
      </ActionForm>
    </div>
  );
}
