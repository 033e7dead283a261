/**
 * Ingest authentication (lib/api-clients/api-key-format.ts): one API key per feed source, sent as
 * `Authorization: Bearer <key>` (RFC 6750 §2.1) or, where the engine cannot set Authorization,
 * as `X-API-Key: <key>`. Either scheme satisfies an operation.
 */
import type { Components, SecurityRequirement } from "./openapi-types";

const keyShape =
  "Keys look like `dtk_<prefix>_<secret>`: 8 lower-case base32 characters, then 43 base64url " +
  "characters. The prefix is not secret (operators use it to tell keys apart); the secret is shown " +
  "once when the key is issued and stored only as a SHA-256 hash. Each key is scoped to one or more " +
  "facilities (site codes) and has its own rate limit per minute.";

export const securitySchemes: NonNullable<Components["securitySchemes"]> = {
  bearerApiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "dtk_<prefix>_<secret>",
    description: `The integration API key as a bearer token. ${keyShape}`,
  },
  apiKeyHeader: {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description:
      "The same key in an X-API-Key header, for engines (or proxies) that use Authorization for " +
      "something else. A non-Bearer Authorization header is ignored, so both can be sent.",
  },
};

/** Either scheme will do (OpenAPI: alternatives are separate requirement objects). */
export const ingestSecurity: SecurityRequirement[] = [{ bearerApiKey: [] }, { apiKeyHeader: [] }];
