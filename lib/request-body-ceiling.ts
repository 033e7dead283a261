/**
 * How large a request body may ever be, and the body limit Next.js's proxy is given to match.
 *
 * Every request that runs through proxy.ts has its body copied by Next.js for the proxy, and past
 * `experimental.proxyClientMaxBodySize` (10 MB by default) Next.js silently hands the route only
 * the first part and ends the stream as if it were complete (next/dist/server/body-streams.js).
 * So a 12 MiB PDF reached the route as about 10 MB and was stored cut short.
 *
 * The proxy limit therefore sits above the largest body any route accepts (MAX_MESSAGE_BYTES and
 * MAX_DOCUMENT_BYTES may not exceed the ceiling, lib/env.ts), with a margin: a body the proxy does
 * cut is cut at a chunk boundary (Node.js reads at most 64 KiB at a time), so what the route sees
 * is still over every route limit and is refused with 413, never stored short.
 */
export const MAX_BODY_BYTES_CEILING = 32 * 1024 * 1024;

/** Far more than one read from the socket, so a cut body always lands above the ceiling. */
const PROXY_MARGIN_BYTES = 1024 * 1024;

export const PROXY_BODY_LIMIT_BYTES = MAX_BODY_BYTES_CEILING + PROXY_MARGIN_BYTES;
