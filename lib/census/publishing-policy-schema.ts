/** How a stored publishing policy is read back (server side; kept apart from publishing.ts). */
import { z } from "zod";
import { optionalFieldNames } from "@/lib/adt/events";
import type { PublishingPolicy } from "./publishing";

export const publishingPolicySchema: z.ZodType<PublishingPolicy, unknown> = z.object({
  fields: z.array(z.enum(optionalFieldNames)).transform((fields) => [...new Set(fields)].sort()),
});
