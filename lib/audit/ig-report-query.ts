/**
 * The IG console's report parameters (docs/design.md section 6), read from a URL's search
 * parameters: the same for the page (/admin/ig) and its CSV (/api/audit/export?report=…), so both
 * read exactly the same rows. Dates are calendar days in the trust's time zone, `to` inclusive.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { zonedWallTimeToInstant } from "@/lib/hl7/datetime";

export const igReportKinds = ["patient", "user", "break-glass", "offline", "sign-in", "config"] as const;
export type IgReportKind = (typeof igReportKinds)[number];

export const igReportLabels: Record<IgReportKind, string> = {
  patient: "Who accessed a patient",
  user: "What a user accessed",
  "break-glass": "Break-glass",
  offline: "Offline reads",
  "sign-in": "Failed sign-ins and lock-outs",
  config: "Configuration changes",
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD");

const schema = z.object({
  report: z.enum(igReportKinds, { message: `Expected one of: ${igReportKinds.join(", ")}` }),
  idType: z.enum(["nhs-number", "mrn"]).default("nhs-number"),
  id: z.string().trim().max(40, "An identifier is at most 40 characters").optional(),
  user: z.string().trim().max(64, "A username is at most 64 characters").optional(),
  from: day.optional(),
  to: day.optional(),
  /** Background syncs (patient.sync) are left out of the patient and user reports unless included. */
  syncs: z.enum(["hide", "include"], { message: "Expected hide or include" }).default("hide"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

export type IgReportQuery = z.infer<typeof schema>;

export function readIgReportQuery(
  params: URLSearchParams | Record<string, string | undefined>,
): IgReportQuery {
  const entries =
    params instanceof URLSearchParams
      ? Object.fromEntries(params)
      : Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== ""));
  for (const key of Object.keys(entries)) if (entries[key] === "") delete entries[key];
  const parsed = schema.safeParse(entries);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `${String(issue.path[0])}: ${issue.message}`, {
      location: String(issue.path[0]),
    });
  }
  const query = parsed.data;
  if (query.report === "patient" && !query.id) {
    throw new AppError("bad_request", "Enter the patient's NHS number or MRN", { location: "id" });
  }
  if (
    query.report === "patient" &&
    query.idType === "nhs-number" &&
    !/^\d{10}$/.test(query.id!.replace(/\s+/g, ""))
  ) {
    throw new AppError("bad_request", "An NHS number is 10 digits", { location: "id" });
  }
  if (query.report === "user" && !query.user) {
    throw new AppError("bad_request", "Enter the user's Windows username, e.g. TRUST\\jbloggs", {
      location: "user",
    });
  }
  if (query.from && query.to && query.from > query.to) {
    throw new AppError("bad_request", "The start date is after the end date", { location: "from" });
  }
  return query;
}

/** The reports where background syncs are hidden by default and can be asked for. */
export function syncsApply(report: IgReportKind): boolean {
  return report === "patient" || report === "user";
}

/** Midnight at the start of a calendar day in `timeZone`, as an instant. */
export function startOfDay(date: string, timeZone: string): Date {
  const [year, month, dayOfMonth] = date.split("-").map(Number) as [number, number, number];
  return new Date(zonedWallTimeToInstant(Date.UTC(year, month - 1, dayOfMonth), timeZone));
}

/** The instants [from, to) a query's days cover; `to` is the midnight after its last day. */
export function reportRange(
  query: Pick<IgReportQuery, "from" | "to">,
  timeZone: string,
): { from?: Date; to?: Date } {
  const range: { from?: Date; to?: Date } = {};
  if (query.from) range.from = startOfDay(query.from, timeZone);
  if (query.to) {
    const end = new Date(`${query.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    range.to = startOfDay(end.toISOString().slice(0, 10), timeZone);
  }
  return range;
}

/** The query as URL parameters (for links to the next page and to the CSV), without the cursor. */
export function igReportParams(query: IgReportQuery): URLSearchParams {
  const params = new URLSearchParams({ report: query.report });
  if (query.report === "patient") {
    params.set("idType", query.idType);
    params.set("id", query.id ?? "");
  }
  if (query.report === "user") params.set("user", query.user ?? "");
  if (syncsApply(query.report) && query.syncs === "include") params.set("syncs", "include");
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  return params;
}
