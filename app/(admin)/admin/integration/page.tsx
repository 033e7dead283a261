import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ConsoleTable } from "@/components/admin/forms/console-table";
import { KeyActions } from "@/components/admin/integration/key-actions";
import { NewKeyForm } from "@/components/admin/integration/new-key-form";
import { declareRoute } from "@/lib/access/authorize";
import { type ApiClient, listApiClients } from "@/lib/api-clients/api-clients";
import { maskedApiKey } from "@/lib/api-clients/api-key-format";
import { listFacilitiesWithWards } from "@/lib/census/facilities";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";

const route = declareRoute("admin:settings");

export const metadata: Metadata = { title: "API keys" };

const sorts = {
  created: (a: ApiClient, b: ApiClient) => b.createdAt.getTime() - a.createdAt.getTime(),
  name: (a: ApiClient, b: ApiClient) => a.name.localeCompare(b.name, "en-GB"),
  "last-used": (a: ApiClient, b: ApiClient) =>
    (b.lastUsedAt?.getTime() ?? 0) - (a.lastUsedAt?.getTime() ?? 0),
} as const;
type Sort = keyof typeof sorts;
const pageSize = 25;

const formatWhen = (timeZone: string) => (date: Date | undefined) =>
  date ? date.toLocaleString("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }) : "Never";

export default async function IntegrationPage({
  searchParams,
}: {
  searchParams: Promise<{ sort?: string; page?: string }>;
}) {
  await connection();
  await pagePrincipal(route);
  const params = await searchParams;
  const sort: Sort = params.sort && params.sort in sorts ? (params.sort as Sort) : "created";
  const { db, config } = await getAppContext();
  const when = formatWhen(config.timeZone);
  const [clients, facilities] = await Promise.all([listApiClients(db), listFacilitiesWithWards(db)]);
  // Active keys first, then revoked ones (kept for the audit trail), each in the chosen order.
  const ordered = [...clients].sort(
    (a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) || sorts[sort](a, b),
  );
  const pages = Math.max(1, Math.ceil(ordered.length / pageSize));
  const page = Math.min(pages, Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1));
  const shown = ordered.slice((page - 1) * pageSize, page * pageSize);
  const link = (next: { sort?: Sort; page?: number }) =>
    `/admin/integration?sort=${next.sort ?? sort}&page=${next.page ?? 1}`;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">API keys</h1>
      <p className="max-w-3xl text-slate-700">
        Each integration engine posts with its own key, scoped to the facilities it sends for. The same rules
        as <code>npm run api-key</code>: a key is shown once, only its hash is kept, and revoking or rotating
        stops the old key at once here and within 30 seconds on other instances.
      </p>

      <section aria-labelledby="new-key" className="space-y-2">
        <h2 id="new-key" className="text-lg font-semibold">
          Create a key
        </h2>
        <NewKeyForm facilities={facilities.map(({ code, name }) => ({ code, name }))} />
      </section>

      <section aria-labelledby="keys" className="space-y-2">
        <h2 id="keys" className="text-lg font-semibold">
          Keys
        </h2>
        <p className="text-sm">
          Sort by:{" "}
          {(Object.keys(sorts) as Sort[]).map((option) => (
            <Link
              key={option}
              href={link({ sort: option })}
              aria-current={option === sort ? "true" : undefined}
              className={`mr-3 underline ${option === sort ? "font-bold" : ""}`}
            >
              {option === "last-used" ? "last used" : option}
            </Link>
          ))}
        </p>
        <ConsoleTable
          caption="API keys, active first"
          minWidth="48rem"
          empty={shown.length === 0 ? "No API keys yet." : null}
          columns={["Name", "Key", "Facilities", "Rate", "Created", "Last used", "Status", "Actions"]}
        >
          {shown.map((client) => (
            <tr key={client.id} className="border-b border-slate-200 align-top">
              <th scope="row" className="px-2 py-2 text-left font-semibold">
                {client.name}
              </th>
              <td className="px-2 py-2 font-mono">{maskedApiKey(client.keyPrefix)}</td>
              <td className="px-2 py-2">{client.facilityCodes.join(", ")}</td>
              <td className="px-2 py-2">{client.rateLimitPerMinute}/min</td>
              <td className="px-2 py-2">{when(client.createdAt)}</td>
              <td className="px-2 py-2">{when(client.lastUsedAt)}</td>
              <td className="px-2 py-2">
                {client.revokedAt ? (
                  <span className="font-semibold text-red-800">Revoked {when(client.revokedAt)}</span>
                ) : (
                  <span className="font-semibold text-green-800">Active</span>
                )}
              </td>
              <td className="px-2 py-2">
                <KeyActions id={client.id} name={client.name} active={!client.revokedAt} />
              </td>
            </tr>
          ))}
        </ConsoleTable>
        {pages > 1 ? (
          <nav aria-label="Pages of keys" className="flex gap-3 text-sm">
            {page > 1 ? (
              <Link href={link({ page: page - 1 })} className="underline">
                Previous
              </Link>
            ) : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? (
              <Link href={link({ page: page + 1 })} className="underline">
                Next
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
