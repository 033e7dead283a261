import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { enrolmentLabel, roleLabel, signInTime } from "@/components/admin/users/user-text";
import { declareRoute } from "@/lib/access/authorize";
import { roles } from "@/lib/access/roles";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { scopeChoices } from "@/lib/staff/scope-choices";
import { enrolmentStates, parseStaffListQuery, staffListParams } from "@/lib/staff/staff-list-query";
import { listStaffPage, type StaffListRow } from "@/lib/staff/staff-listing";

const route = declareRoute("admin:users");

export const metadata: Metadata = { title: "Users" };

type SearchParams = Record<string, string | string[] | undefined>;

const field = "rounded border border-slate-400 bg-white px-2 py-1.5";

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  await pagePrincipal(route);
  const query = parseStaffListQuery(await searchParams);
  const { db, config } = await getAppContext();
  const now = new Date();
  const [page, choices] = await Promise.all([listStaffPage(db, query, now), scopeChoices(db)]);
  const href = (change: Parameters<typeof staffListParams>[1]) => {
    const params = staffListParams(query, change).toString();
    return params ? `/admin/users?${params}` : "/admin/users";
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">Users</h1>
        <div className="flex gap-3">
          <Link href="/admin/users/new" className="rounded bg-slate-900 px-3 py-1.5 font-semibold text-white">
            New user
          </Link>
          <Link
            href="/admin/users/import"
            className="rounded border border-slate-400 bg-white px-3 py-1.5 font-semibold"
          >
            Import from CSV
          </Link>
        </div>
      </div>
      <search>
        <form
          className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
          aria-label="Filter users"
        >
          <label className="flex min-w-48 flex-1 flex-col text-sm font-medium">
            Name or username
            <input name="q" defaultValue={query.search ?? ""} className={field} />
          </label>
          <label className="flex flex-col text-sm font-medium">
            Role
            <select name="role" defaultValue={query.role ?? ""} className={field}>
              <option value="">Any</option>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabel[role]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm font-medium">
            Ward
            <select name="ward" defaultValue={query.ward ?? ""} className={`${field} max-w-64`}>
              <option value="">Any</option>
              {choices.wards.map((ward) => (
                <option key={ward.code} value={ward.code}>
                  {ward.code} {ward.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm font-medium">
            Phone sign-in
            <select name="enrolment" defaultValue={query.enrolment ?? ""} className={field}>
              <option value="">Any</option>
              {enrolmentStates.map((state) => (
                <option key={state} value={state}>
                  {enrolmentLabel[state]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm font-medium">
            Status
            <select
              name="enabled"
              defaultValue={query.enabled === undefined ? "" : query.enabled ? "yes" : "no"}
              className={field}
            >
              <option value="">Any</option>
              <option value="yes">Enabled</option>
              <option value="no">Disabled</option>
            </select>
          </label>
          <label className="flex flex-col text-sm font-medium">
            Sort by
            <select name="sort" defaultValue={query.sort} className={field}>
              <option value="username">Username</option>
              <option value="name">Name</option>
            </select>
          </label>
          <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-semibold text-white">
            Apply
          </button>
          <Link href="/admin/users" className="py-1.5 underline">
            Clear
          </Link>
        </form>
      </search>
      <p role="status">
        {page.total.toLocaleString("en-GB")} user{page.total === 1 ? "" : "s"}
        {page.rows.length < page.total ? `; showing ${page.rows.length} at a time` : ""}
      </p>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            Staff users, sorted by {query.sort === "name" ? "name" : "username"}
          </caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                <Link
                  href={href({ sort: "name" })}
                  className="underline"
                  aria-current={query.sort === "name" ? "true" : undefined}
                >
                  Name
                </Link>
              </th>
              <th scope="col" className="px-3 py-2">
                <Link
                  href={href({ sort: "username" })}
                  className="underline"
                  aria-current={query.sort === "username" ? "true" : undefined}
                >
                  Username
                </Link>
              </th>
              <th scope="col" className="px-3 py-2">
                Role
              </th>
              <th scope="col" className="px-3 py-2">
                Ward scope
              </th>
              <th scope="col" className="px-3 py-2">
                Phone sign-in
              </th>
              <th scope="col" className="px-3 py-2">
                Locked
              </th>
              <th scope="col" className="px-3 py-2">
                Last sign-in
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((user) => (
              <UserRow key={user.id} user={user} timeZone={config.timeZone} />
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? <p className="p-3">No users match these filters.</p> : null}
      </div>
      <nav aria-label="Pages" className="flex gap-4">
        {page.previous ? (
          <Link href={href({ before: page.previous })} className="underline">
            Previous page
          </Link>
        ) : null}
        {page.next ? (
          <Link href={href({ after: page.next })} className="underline">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

function UserRow({ user, timeZone }: { user: StaffListRow; timeZone: string }) {
  const wards = user.wards.map((ward) => `${ward.facilityCode}/${ward.code}`);
  const scope = [
    ...user.facilities.map((facility) => `all of ${facility.code}`),
    ...wards.slice(0, 3),
    ...(wards.length > 3 ? [`+${wards.length - 3} more`] : []),
  ];
  return (
    <tr className={`border-t border-slate-200 ${user.enabled ? "" : "bg-slate-50 text-slate-700"}`}>
      <td className="px-3 py-2">
        <Link href={`/admin/users/${user.id}`} className="font-semibold underline">
          {user.displayName}
        </Link>
        {user.enabled ? null : <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs">Disabled</span>}
      </td>
      <td className="px-3 py-2 font-mono">{user.username}</td>
      <td className="px-3 py-2">{user.roles.map((role) => roleLabel[role]).join(", ")}</td>
      <td className="px-3 py-2">{scope.length > 0 ? scope.join(", ") : "None"}</td>
      <td className="px-3 py-2">{enrolmentLabel[user.enrolment]}</td>
      <td className="px-3 py-2">
        {user.throttle.locked ? <strong className="text-red-900">Locked</strong> : "No"}
      </td>
      <td className="px-3 py-2">{user.lastSignInAt ? signInTime(user.lastSignInAt, timeZone) : "Never"}</td>
    </tr>
  );
}
