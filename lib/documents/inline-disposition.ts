/**
 * The Content-Disposition for a document opened in the browser: inline, named after its title, so
 * a nurse who saves or prints it from the PDF viewer gets "Medication administration record.pdf",
 * not a UUID. RFC 6266: an ASCII `filename` for old clients plus a UTF-8 `filename*` (RFC 8187).
 */
const extensions: Record<string, string> = {
  "application/pdf": ".pdf",
  "text/html": ".html",
  "text/plain": ".txt",
};

/** Characters no file system or header tolerates, and runs of white space, become one space. */
function safeName(title: string): string {
  const cleaned = title
    .replace(/[\p{Cc}"\\/:*?<>|%;]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 150);
  return cleaned || "document";
}

/** RFC 8187 value-chars: attr-char stays, everything else is percent-encoded UTF-8. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function inlineDisposition(title: string, contentType: string): string {
  const media = contentType.split(";")[0]!.trim().toLowerCase();
  const name = safeName(title) + (extensions[media] ?? "");
  // Accents dropped (Zoë → Zoe); anything else outside printable ASCII becomes "_".
  const ascii = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
