/**
 * What a sender says about a downtime document, read from request headers (engines can set
 * headers on a PUT far more easily than build multipart bodies):
 *   Content-Type     application/pdf, text/html or text/plain
 *   X-Document-Title the title shown to staff (percent-encoded UTF-8 allowed)
 *   X-Document-Kind  e.g. MAR, care-plan, observations, discharge-summary
 *   X-Produced-At    ISO 8601 time the EPR produced it
 *   X-Visit-Number   optional: the stay it belongs to (PV1-19)
 *   Content-Digest   optional: sha-256 of the body (RFC 9530), checked before anything is stored
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { declaredSha256 } from "./content-digest";

export const acceptedDocumentTypes = ["application/pdf", "text/html", "text/plain"] as const;
export type DocumentContentType = (typeof acceptedDocumentTypes)[number];

const pathSegment = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-' only");

export const documentPathSchema = z.object({
  facility: pathSegment,
  mrn: pathSegment,
  documentId: pathSegment,
});

export type DocumentPath = z.infer<typeof documentPathSchema>;

/** The route's `[facility]/[mrn]/[documentId]`, or 400 naming the part that is wrong. */
export function parseDocumentPath(params: unknown): DocumentPath {
  const parsed = documentPathSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `Invalid path: ${String(issue.path[0])} ${issue.message}`);
  }
  return parsed.data;
}

const metadataSchema = z.object({
  contentType: z.enum(acceptedDocumentTypes, {
    error: "Content-Type must be application/pdf, text/html or text/plain",
  }),
  title: z.string().trim().min(1, "X-Document-Title is required").max(200),
  kind: z
    .string()
    .trim()
    .min(1, "X-Document-Kind is required")
    .max(64)
    .regex(/^[A-Za-z0-9 _-]+$/, "X-Document-Kind: letters, digits, spaces, '_' or '-'"),
  producedAt: z.iso
    .datetime({ offset: true, error: "X-Produced-At must be an ISO 8601 date-time with a zone" })
    .transform((s) => new Date(s)),
  visitNumber: z.string().trim().min(1).max(64).optional(),
});

export type DocumentMetadata = z.infer<typeof metadataSchema> & {
  /** Hex SHA-256 the sender declared in Content-Digest, when it sent one. */
  declaredSha256?: string;
};

function decodeTitle(raw: string | null): string | undefined {
  if (raw === null) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function readDocumentMetadata(headers: Headers): DocumentMetadata {
  const result = metadataSchema.safeParse({
    contentType: (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase(),
    title: decodeTitle(headers.get("x-document-title")) ?? "",
    kind: headers.get("x-document-kind") ?? "",
    producedAt: headers.get("x-produced-at") ?? "",
    visitNumber: headers.get("x-visit-number") ?? undefined,
  });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const code = issue.path[0] === "contentType" ? "unsupported_media_type" : "bad_request";
    throw new AppError(code, issue.message, { location: String(issue.path[0]) });
  }
  const declared = declaredSha256(headers.get("content-digest"));
  return declared ? { ...result.data, declaredSha256: declared } : result.data;
}

/** PDF 32000-1 §7.5.5: a PDF ends with %%EOF; readers look for it in the last 1024 bytes. */
const pdfTrailerWindow = 1024;

/** The body must be what its Content-Type says: a PDF starts with %PDF-, text must be UTF-8. */
export function assertBodyMatchesType(body: Uint8Array, contentType: DocumentContentType): void {
  if (body.byteLength === 0) throw new AppError("bad_request", "The document is empty");
  if (contentType === "application/pdf") {
    const head = new TextDecoder("latin1").decode(body.subarray(0, 1024));
    if (!head.includes("%PDF-")) throw new AppError("bad_request", "The body is not a PDF (no %PDF- header)");
    // A PDF cut short anywhere on the way loses its trailer: refuse it rather than store part of it.
    const tail = new TextDecoder("latin1").decode(body.subarray(-pdfTrailerWindow));
    if (!tail.includes("%%EOF"))
      throw new AppError("bad_request", "The PDF is incomplete (no %%EOF at its end); nothing was stored");
    return;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("bad_request", "Text documents must be UTF-8");
  }
}
