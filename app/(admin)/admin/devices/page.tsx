import type { Metadata } from "next";
import { connection } from "next/server";
import { ActionForm } from "@/components/admin/forms/action-form";
import { ConsoleTable } from "@/components/admin/forms/console-table";
import { formatDateTime, Pager, pageNumber, param } from "@/components/admin/forms/paging";
import { declareRoute } from "@/lib/access/authorize";
import { deviceSorts, listDevicesPage } from "@/lib/auth/launcher/devices";
import { jwkThumbprint } from "@/lib/auth/launcher/launcher-jwk";
import { getAppContext } from "@/lib/runtime/app-context";
import { pagePrincipal } from "@/lib/server/auth/page-principal";
import { registerDeviceAction, revokeDeviceAction, updateDeviceAction } from "./actions";

const route = declareRoute("admin:devices");

export const metadata: Metadata = { title: "Ward PCs" };

const path = "/admin/devices";
const pageSize = 25;
const input = "min-h-11 rounded border border-slate-400 px-2";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DevicesPage({ searchParams }: { searchParams: Search }) {
  await connection();
  await pagePrincipal(route);
  const { db, config } = await getAppContext();
  const raw = await searchParams;
  const sort = deviceSorts.find((candidate) => candidate === param(raw.sort));
  const status =
    param(raw.status) === "active" || param(raw.status) === "revoked" ? param(raw.status) : undefined;
  const params = { sort, dir: param(raw.dir) === "desc" ? "desc" : undefined, status };
  const page = pageNumber(param(raw.page));
  const { devices, total } = await listDevicesPage(db, {
    sort,
    descending: params.dir === "desc",
    status: status as "active" | "revoked" | undefined,
    page,
    pageSize,
  });
  const thumbprints = await Promise.all(devices.map((device) => jwkThumbprint(device.publicJwk)));
  const tz = config.timeZone;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Ward PCs</h1>
        <p className="max-w-3xl">
          A ward PC signs staff in with the Downtime launcher and its own key. Register each PC with the
          public key its launcher printed; revoke a PC that is lost, rebuilt or moved off the ward.
        </p>
      </div>

      <section aria-labelledby="register-heading" className="max-w-3xl space-y-3">
        <h2 id="register-heading" className="text-xl font-semibold">
          Register a ward PC
        </h2>
        <ActionForm action={registerDeviceAction} submitLabel="Register PC" resetOnSuccess>
          <div className="grid gap-3 sm:grid-cols-3">
            <label className="flex flex-col text-sm">
              Device id
              <input
                name="id"
                required
                maxLength={64}
                placeholder="WARDPC-OAK-01"
                className={`${input} font-mono`}
              />
            </label>
            <label className="flex flex-col text-sm">
              Name
              <input
                name="name"
                required
                maxLength={100}
                placeholder="Oak ward nurses' station"
                className={input}
              />
            </label>
            <label className="flex flex-col text-sm">
              Location
              <input name="location" required maxLength={200} placeholder="Oak ward" className={input} />
            </label>
          </div>
          <label className="flex flex-col text-sm">
            Public key (JWK) the launcher printed
            <span className="text-slate-700">
              Paste what <code>keygen</code> printed; the whole output is fine. Never the private key file.
            </span>
            <textarea
              name="publicJwk"
              required
              rows={4}
              spellCheck={false}
              placeholder='{"kty":"EC","crv":"P-256","x":"…","y":"…"}'
              className="rounded border border-slate-400 p-2 font-mono text-xs"
            />
          </label>
        </ActionForm>
      </section>

      <section aria-labelledby="devices-heading" className="space-y-3">
        <h2 id="devices-heading" className="text-xl font-semibold">
          Registered PCs
        </h2>
        <form method="get" action={path} className="flex flex-wrap items-end gap-3" aria-label="Filter PCs">
          <label className="flex flex-col text-sm">
            Status
            <select name="status" defaultValue={status ?? ""} className={input}>
              <option value="">All</option>
              <option value="active">Active</option>
              <option value="revoked">Revoked</option>
            </select>
          </label>
          <button type="submit" className="min-h-11 rounded border border-slate-900 px-4 py-2 font-semibold">
            Show
          </button>
        </form>
        <ConsoleTable
          caption="Ward PCs registered for the launcher"
          minWidth="56rem"
          sorting={{ path, params }}
          columns={[
            { label: "Device id", sort: "id" },
            { label: "Name", sort: "name" },
            { label: "Location", sort: "location" },
            "Key",
            { label: "Registered", sort: "registered" },
            { label: "Last seen", sort: "last-seen" },
            "Status",
            { label: "Actions", hidden: true },
          ]}
        >
          {devices.map((device, index) => (
            <tr key={device.id} className="border-b border-slate-200 align-top">
              <td className="px-2 py-2 font-mono">{device.id}</td>
              <td className="px-2 py-2">{device.name}</td>
              <td className="px-2 py-2">{device.location}</td>
              <td className="px-2 py-2">
                {device.publicJwk.kty}/{device.publicJwk.crv}
                <span
                  className="block break-all font-mono text-xs text-slate-700"
                  title="RFC 7638 thumbprint"
                >
                  {thumbprints[index]}
                </span>
              </td>
              <td className="px-2 py-2">{formatDateTime(device.createdAt, tz)}</td>
              <td className="px-2 py-2">
                {device.lastSeenAt ? formatDateTime(device.lastSeenAt, tz) : "Not yet"}
              </td>
              <td className="px-2 py-2">
                {device.revokedAt ? (
                  <span className="rounded bg-red-100 px-2 py-1 text-red-900">
                    Revoked {formatDateTime(device.revokedAt, tz)}
                  </span>
                ) : (
                  <span className="rounded bg-green-100 px-2 py-1 text-green-900">Active</span>
                )}
              </td>
              <td className="space-y-2 px-2 py-2">
                <details>
                  <summary className="cursor-pointer underline">Edit {device.id}</summary>
                  <ActionForm action={updateDeviceAction} submitLabel="Save" className="mt-2 space-y-2">
                    <input type="hidden" name="id" value={device.id} />
                    <label className="flex flex-col text-sm">
                      Name
                      <input name="name" defaultValue={device.name} required className={input} />
                    </label>
                    <label className="flex flex-col text-sm">
                      Location
                      <input name="location" defaultValue={device.location} required className={input} />
                    </label>
                  </ActionForm>
                </details>
                {device.revokedAt ? null : (
                  <details>
                    <summary className="cursor-pointer underline">Revoke {device.id}</summary>
                    <ActionForm
                      action={revokeDeviceAction}
                      submitLabel={`Revoke ${device.id} now`}
                      danger
                      className="mt-2 space-y-2"
                    >
                      <input type="hidden" name="id" value={device.id} />
                      <p className="max-w-xs">
                        It can no longer sign anyone in, and everyone signed in on it is signed out at once.
                        This cannot be undone: a rebuilt PC is registered again under a new id.
                      </p>
                    </ActionForm>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </ConsoleTable>
        {devices.length === 0 ? <p>No ward PCs registered{status ? ` (${status})` : ""}.</p> : null}
        <Pager path={path} params={params} page={page} pageSize={pageSize} total={total} label="Ward PCs" />
      </section>

      <section aria-labelledby="install-heading" className="max-w-3xl space-y-2">
        <h2 id="install-heading" className="text-xl font-semibold">
          Setting up a ward PC
        </h2>
        <p>
          For the person installing the launcher on a ward PC. The full steps, with the commands and the Group
          Policy shortcut, are in <code>launcher/README.md</code> in the Downtime release (sections 1 to 4).
        </p>
        <ol className="list-decimal space-y-1 pl-6">
          <li>
            As an administrator on the PC, copy <code>downtime-launcher.mjs</code> to{" "}
            <code>C:\ProgramData\Downtime</code> and run its <code>keygen</code> with the PC's id (for example
            its computer name): it writes the private key and prints the public key (JWK) and its thumbprint.
          </li>
          <li>
            Let only SYSTEM, Administrators and ward users read the private key (<code>icacls</code>, README
            section 1). Never copy a key to another PC, and never paste the private key here.
          </li>
          <li>
            Send the printed public key and the PC's id, name and location to a Downtime admin, who registers
            it above and checks the thumbprint matches.
          </li>
          <li>
            Deploy the desktop shortcut (README section 3, by Group Policy) that runs the launcher's{" "}
            <code>launch</code> with the PC's id, key and the Downtime address. The PC clock must be within 30
            seconds of the server's.
          </li>
          <li>
            Open the shortcut as a ward user: Downtime opens signed in. "Last seen" above shows the PC's
            latest sign-in, to within a few minutes.
          </li>
        </ol>
      </section>
    </div>
  );
}
