/**
 * Browser storage audit (issue 18, item 7): after a full phone journey (TOTP sign-in, two wards,
 * a patient, a document, an offline reload) every IndexedDB database (all stores, all records,
 * binary values read as bytes), every Cache Storage entry with its body, and localStorage and
 * sessionStorage are dumped from the page: no name, NHS number, MRN or birth date of the
 * patient appears in clear. After sign-out nothing of the copy is left.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { hl7Admission, postHl7, putDocument, uniqueNhsNumber } from "./support/ingest";

/** Everything the origin stores, as text: binary values as latin1 so clear UTF-8 would show. */
function dumpStorage(page: Page) {
  return page.evaluate(async () => {
    const asText = async (value: unknown): Promise<string> => {
      if (value instanceof ArrayBuffer) return new TextDecoder("latin1").decode(value);
      if (ArrayBuffer.isView(value)) return new TextDecoder("latin1").decode(value as Uint8Array);
      if (value instanceof Blob) return await value.text();
      if (Array.isArray(value)) return (await Promise.all(value.map(asText))).join(" ");
      if (value && typeof value === "object") {
        const parts = await Promise.all(
          Object.entries(value).map(async ([k, v]) => `${k}=${await asText(v)}`),
        );
        return parts.join(" ");
      }
      return String(value);
    };
    const databases: { name: string; records: number; text: string }[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      let records = 0;
      let text = "";
      for (const store of Array.from(db.objectStoreNames)) {
        const [values, keys] = await new Promise<[unknown[], IDBValidKey[]]>((resolve, reject) => {
          const tx = db.transaction(store, "readonly");
          const all = tx.objectStore(store).getAll();
          const allKeys = tx.objectStore(store).getAllKeys();
          tx.oncomplete = () => resolve([all.result, allKeys.result]);
          tx.onerror = () => reject(tx.error);
        });
        records += values.length;
        text += ` ${store}: ${await asText(keys)} ${await asText(values)}`;
      }
      db.close();
      databases.push({ name: info.name!, records, text });
    }
    const caches_: { url: string; body: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        caches_.push({ url: request.url, body: response ? await response.text() : "" });
      }
    }
    const webStorage = (storage: Storage) =>
      Array.from(
        { length: storage.length },
        (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i)!)}`,
      );
    return {
      databases,
      caches: caches_,
      localStorage: webStorage(localStorage),
      sessionStorage: webStorage(sessionStorage),
    };
  });
}

type Dump = Awaited<ReturnType<typeof dumpStorage>>;
const allText = (dump: Dump) =>
  [
    ...dump.databases.map((db) => `${db.name} ${db.text}`),
    ...dump.caches.map((entry) => `${entry.url} ${entry.body}`),
    ...dump.localStorage,
    ...dump.sessionStorage,
  ].join("\n");

test("no patient identifier is stored in clear after a full phone journey, and sign-out leaves no copy", async ({
  page,
  context,
  request,
  signInOnPhone,
  signInPage,
}) => {
  const stamp = Date.now();
  const family = `AUDITSTORE${String(stamp % 100000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)}`;
  const mrn = `RXD7${stamp % 1000000}`;
  const nhsNumber = uniqueNhsNumber();
  const admitted = await postHl7(
    request,
    hl7Admission(`AUD-${stamp}`, mrn, family, "ALD101", "B97", { nhsNumber, birthDate: "19730415" }),
  );
  expect(admitted.body).toContain("MSA|AA");
  const uploaded = await putDocument(
    request,
    { facility: "RXD01", mrn, documentId: `CARE-${stamp}` },
    {
      title: "Care plan",
      kind: "care-plan",
      producedAt: new Date(stamp - 60_000),
      contentType: "text/plain",
      body: Buffer.from(`Care plan for ${family}, NHS ${nhsNumber}`),
    },
  );
  expect(uploaded.status).toBe(201);

  // Sign in on the phone, visit a second ward and come back, open the patient and the document.
  const wardList = await signInOnPhone();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
  const wardUrl = page.url();
  await wardList.otherWard().click();
  await expect(wardList.heading(/Alder Ward/)).toHaveCount(0);
  await expect(wardList.heading(/Ward/)).toBeVisible();
  await page.goto(wardUrl);
  const patient = await wardList.openPatient(new RegExp(family));
  await expect(patient.name(new RegExp(family))).toBeVisible();
  // The document opens in the app's viewer, in this tab, under the patient's banner.
  await patient.document("Care plan").click();
  await expect(page).toHaveURL(/\/patients\/[\w-]+\/documents\/[\w-]+$/);
  await expect(page.getByRole("region", { name: "Patient" })).toContainText(family);
  await expect(page.frameLocator("iframe[src^='blob:']").locator("body")).toContainText(family);

  // The encrypted copy synced, then an offline reload drawn from it.
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await expect(page.locator("html[data-offline-rounds='2']")).toHaveCount(1, { timeout: 20_000 });
  await context.setOffline(true);
  await page.goto(wardUrl);
  await expect(wardList.offlineHeading).toBeVisible();
  await expect(wardList.offlineCopy.getByText(new RegExp(family))).toBeVisible();

  const dump = await dumpStorage(page);
  const copy = dump.databases.find((db) => db.name === "downtime-ward-cache");
  expect(copy?.records ?? 0).toBeGreaterThan(0);
  const spaced = `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
  const secrets = [family, "TESSA", nhsNumber, spaced, mrn, "1973-04-15", "19730415", "15 Apr 1973"];
  const expectNoneInClear = (stored: Dump) => {
    const text = allText(stored).toUpperCase();
    for (const secret of secrets)
      expect(text, `"${secret}" stored in clear`).not.toContain(secret.toUpperCase());
  };
  expectNoneInClear(dump);
  // Patient data never goes into Cache Storage: only the app shell and offline page.
  expect(
    dump.caches
      .map((entry) => new URL(entry.url).pathname)
      .filter((p) => /^\/(api|patients|wards)\//.test(p)),
  ).toEqual([]);

  // Back online, sign out: the copy, its identity and anything patient-shaped are gone.
  await context.setOffline(false);
  await expect(wardList.offlineHeading).toHaveCount(0, { timeout: 15_000 });
  await page.goto(wardUrl);
  await wardList.signOutButton.click();
  await expect(signInPage.heading).toBeVisible();
  const after = await dumpStorage(page);
  expect(after.databases.map((db) => db.name)).not.toContain("downtime-ward-cache");
  expectNoneInClear(after);
  expect(after.localStorage.filter((entry) => entry.startsWith("downtime.cache"))).toEqual([]);
  expect(after.sessionStorage).toEqual([]);
  expect(
    after.caches.filter((entry) => /^\/(api|patients|wards)\//.test(new URL(entry.url).pathname)),
  ).toEqual([]);
});
