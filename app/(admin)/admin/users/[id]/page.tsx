import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/users/action-form";
import { enrolmentLabel, roleLabel, signInTime } from "@/components/admin/users/user-text";
import { declareRoute } from "@/lib/access/authorize";
import { roles } from "@/lib/access/roles";
import { AppError } from "@/lib/errors";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal, refusePage } from "@/lib/server/auth/page-principal";
import { scopeChoices } from "@/lib/staff/scope-choices";
import { getStaffUser } from "@/lib/staff/staff-directory";
import { describeStaffUsers } from "@/lib/staff/staff-listing";
import {
  changeScopeAction,
  resetTotpAction,
  setEnabledAction,
  unlockAction,
  updateUserAction,
} from "../actions";

const route = declareRoute("admin:users");

export const metadata: Metadata = { title: "Edit user" };

const field = "rounded border border-slate-400 bg-white px-2 py-1.5";
const card = "space-y-3 rounded border border-slate-200 bg-white p-4";

export default async function EditUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  await connection();
  const principal = await pagePrincipal(route);
  const { id } = await params;
  const { db, config } = await getAppContext();
  const user = await getStaffUser(db, id);
  if (!user) refusePage(new AppError("not_found", "No such user"));
  // What the table shows beside the user: enrolment, throttle, last sign-in.
  const [row] = await describeStaffUsers(db, [user], new Date());
  const choices = await scopeChoices(db);
  const self = user.id === principal.userId;
  const wardCodes = user.wards.map((ward) => `${ward.facilityCode}/${ward.code}`);
  const facilityCodes = user.facilities.map((facility) => facility.code);
  const created = (await searchParams).created === "1";
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/users" className="underline">
          ← Users
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{user.displayName}</h1>
      <p className="font-mono">{user.username}</p>
      {created ? (
        <p role="status" className="text-green-900">
          User created.
        </p>
      ) : null}
      {self ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-2">
          This is your own account: another admin must change your roles or ward scope.
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">Status</dt>
        <dd>{user.enabled ? "Enabled" : "Disabled"}</dd>
        <dt className="font-medium">Phone sign-in</dt>
        <dd>{enrolmentLabel[row?.enrolment ?? "none"]}</dd>
        <dt className="font-medium">Locked</dt>
        <dd>
          {row?.throttle.locked
            ? `Yes: a device must wait until ${signInTime(row.throttle.until!, config.timeZone)}`
            : "No"}
          {row && row.throttle.failures > 0
            ? ` (${row.throttle.failures} recent failed code${row.throttle.failures === 1 ? "" : "s"} on ${row.throttle.devices} device${row.throttle.devices === 1 ? "" : "s"})`
            : ""}
        </dd>
        <dt className="font-medium">Last sign-in</dt>
        <dd>{row?.lastSignInAt ? signInTime(row.lastSignInAt, config.timeZone) : "Never"}</dd>
      </dl>

      <section aria-labelledby="details" className={card}>
        <h2 id="details" className="text-lg font-semibold">
          Details and roles
        </h2>
        <ActionForm action={updateUserAction} submitLabel="Save details" label="Details and roles">
          <input type="hidden" name="id" value={user.id} />
          <label className="flex max-w-md flex-col font-medium">
            Display name
            <input
              name="displayName"
              defaultValue={user.displayName}
              required
              maxLength={100}
              className={field}
            />
          </label>
          <fieldset>
            <legend className="font-medium">Roles</legend>
            <div className="flex flex-wrap gap-4">
              {roles.map((role) => (
                <label key={role} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    name="roles"
                    value={role}
                    defaultChecked={user.roles.includes(role)}
                  />
                  {roleLabel[role]}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" name="nonProdAllowed" defaultChecked={user.nonProdAllowed} />
            May sign in to test environments (Cert, Mock, Build, Training)
          </label>
        </ActionForm>
      </section>

      <section aria-labelledby="scope" className={card}>
        <h2 id="scope" className="text-lg font-semibold">
          Ward scope
        </h2>
        <p className="text-sm text-slate-700">
          The wards whose patients this user sees: wards granted one by one, and every ward of a facility
          granted whole.
        </p>
        <ul className="space-y-1" aria-label="Granted scope">
          {user.facilities.map((facility) => (
            <li key={facility.id} className="flex flex-wrap items-center gap-3">
              <span>
                All of {facility.code} {facility.name}
              </span>
              <ActionForm
                action={changeScopeAction}
                submitLabel="Remove"
                tone="quiet"
                label={`Remove ${facility.code}`}
              >
                <input type="hidden" name="id" value={user.id} />
                <input type="hidden" name="kind" value="facility" />
                <input type="hidden" name="change" value="remove" />
                <input type="hidden" name="code" value={facility.code} />
              </ActionForm>
            </li>
          ))}
          {user.wards.map((ward) => (
            <li key={ward.id} className="flex flex-wrap items-center gap-3">
              <span>
                {ward.facilityCode}/{ward.code} {ward.name}
              </span>
              <ActionForm
                action={changeScopeAction}
                submitLabel="Remove"
                tone="quiet"
                label={`Remove ${ward.facilityCode}/${ward.code}`}
              >
                <input type="hidden" name="id" value={user.id} />
                <input type="hidden" name="kind" value="ward" />
                <input type="hidden" name="change" value="remove" />
                <input type="hidden" name="code" value={`${ward.facilityCode}/${ward.code}`} />
              </ActionForm>
            </li>
          ))}
          {user.wards.length + user.facilities.length === 0 ? <li>No wards granted.</li> : null}
        </ul>
        <div className="flex flex-wrap gap-6">
          <ActionForm action={changeScopeAction} submitLabel="Grant ward" label="Grant a ward">
            <input type="hidden" name="id" value={user.id} />
            <input type="hidden" name="kind" value="ward" />
            <input type="hidden" name="change" value="grant" />
            <label className="flex flex-col font-medium">
              Ward
              <select name="code" className={field} defaultValue="">
                <option value="">Choose a ward</option>
                {choices.wards
                  .filter((ward) => !wardCodes.includes(ward.code))
                  .map((ward) => (
                    <option key={ward.code} value={ward.code}>
                      {ward.code} {ward.name}
                    </option>
                  ))}
              </select>
            </label>
          </ActionForm>
          <ActionForm action={changeScopeAction} submitLabel="Grant facility" label="Grant a facility">
            <input type="hidden" name="id" value={user.id} />
            <input type="hidden" name="kind" value="facility" />
            <input type="hidden" name="change" value="grant" />
            <label className="flex flex-col font-medium">
              Facility (every ward)
              <select name="code" className={field} defaultValue="">
                <option value="">Choose a facility</option>
                {choices.facilities
                  .filter((facility) => !facilityCodes.includes(facility.code))
                  .map((facility) => (
                    <option key={facility.code} value={facility.code}>
                      {facility.code} {facility.name}
                    </option>
                  ))}
              </select>
            </label>
          </ActionForm>
        </div>
      </section>

      <section aria-labelledby="sign-in" className={card}>
        <h2 id="sign-in" className="text-lg font-semibold">
          Sign-in
        </h2>
        <div className="flex flex-wrap gap-6">
          <ActionForm action={unlockAction} submitLabel="Unlock" tone="quiet" label="Unlock">
            <input type="hidden" name="id" value={user.id} />
            <p className="max-w-sm text-sm text-slate-700">
              Clears failed codes on every device that tried this username, so the next code is checked at
              once.
            </p>
          </ActionForm>
          <ActionForm
            action={resetTotpAction}
            submitLabel="Reset phone sign-in"
            tone="quiet"
            label="Reset phone sign-in"
          >
            <input type="hidden" name="id" value={user.id} />
            <p className="max-w-sm text-sm text-slate-700">
              Removes the user&apos;s authenticator (a lost or new phone); they enrol again from a ward PC or
              a printed card.
            </p>
          </ActionForm>
          <ActionForm
            action={setEnabledAction}
            submitLabel={user.enabled ? "Disable user" : "Enable user"}
            tone={user.enabled ? "danger" : "default"}
            label={user.enabled ? "Disable user" : "Enable user"}
          >
            <input type="hidden" name="id" value={user.id} />
            <input type="hidden" name="enabled" value={user.enabled ? "false" : "true"} />
            <p className="max-w-sm text-sm text-slate-700">
              {user.enabled
                ? "A disabled user cannot sign in, and their open sessions end at once."
                : "The user may sign in again."}
            </p>
          </ActionForm>
        </div>
      </section>
    </div>
  );
}
