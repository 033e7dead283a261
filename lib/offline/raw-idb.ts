/**
 * Test helper: reads a database with the raw IndexedDB API (no Dexie) and renders everything
 * in it (keys, values, and every ArrayBuffer decoded as UTF-8 and Latin-1) as one string, so a
 * test can assert that patient identifiers appear nowhere on the device in clear.
 */
function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function openRaw(name: string): Promise<IDBDatabase> {
  return requestResult(indexedDB.open(name));
}

function render(value: unknown, out: string[]): void {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    out.push(new TextDecoder("utf-8").decode(bytes), new TextDecoder("latin1").decode(bytes));
  } else if (Array.isArray(value)) {
    for (const item of value) render(item, out);
  } else if (value instanceof CryptoKey) {
    out.push(`CryptoKey(${JSON.stringify(value.algorithm)})`);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      render(item, out);
    }
  } else {
    out.push(String(value));
  }
}

/** Every store's keys, index names and values, rendered as text. */
export async function dumpDatabase(
  name: string,
): Promise<{ text: string; stores: string[]; values: unknown[] }> {
  const db = await openRaw(name);
  try {
    const stores = Array.from(db.objectStoreNames);
    const out: string[] = [];
    const values: unknown[] = [];
    for (const storeName of stores) {
      const store = db.transaction(storeName, "readonly").objectStore(storeName);
      out.push(storeName, ...Array.from(store.indexNames));
      render(await requestResult(store.getAllKeys()), out);
      const rows = await requestResult(db.transaction(storeName, "readonly").objectStore(storeName).getAll());
      values.push(...rows);
      render(rows, out);
    }
    return { text: out.join("\n"), stores, values };
  } finally {
    db.close();
  }
}

export async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? "");
}
