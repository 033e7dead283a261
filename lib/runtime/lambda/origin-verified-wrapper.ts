/**
 * OpenNext wrapper for the server function (open-next.config.ts): OpenNext's buffered Lambda
 * wrapper, behind a check that the request came through CloudFront (lib/security/origin-verify.ts).
 * The function URL is public (AuthType NONE) because origin access control would refuse every POST
 * body without a client-computed x-amz-content-sha256 (ADR 0004); this header takes its place.
 */
import awsLambda from "@opennextjs/aws/overrides/wrappers/aws-lambda.js";
import type { Wrapper } from "@opennextjs/aws/types/overrides.js";
// Relative: OpenNext compiles this file with open-next.config.ts, outside the Next.js resolver.
import { originVerified, parseOriginSecrets } from "../../security/origin-verify";

type UrlEvent = { headers?: Record<string, string | undefined>; type?: unknown };

const refused = {
  statusCode: 403,
  headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  body: JSON.stringify({ title: "Forbidden", status: 403, detail: "Requests must come through the site." }),
};

/** Wraps OpenNext's own handler factory; `secrets` defaults to the function's environment. */
export function originVerifiedWrapper(
  base: Wrapper = awsLambda as Wrapper,
  secrets: () => string | undefined = () => process.env.ORIGIN_VERIFY_SECRETS,
): Wrapper {
  return {
    name: "aws-lambda-origin-verified",
    supportStreaming: false,
    wrapper: async (handler, converter) => {
      const inner = await base.wrapper(handler, converter);
      const accepted = parseOriginSecrets(secrets());
      return async (event: UrlEvent, ...rest: unknown[]) => {
        // OpenNext's warmer invokes the function directly with { type: "warmer" }.
        if (event.type === "warmer") return inner(event, ...rest);
        if (!originVerified(event.headers, accepted)) return refused;
        return inner(event, ...rest);
      };
    },
  };
}

export default originVerifiedWrapper();
