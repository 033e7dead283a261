#!/usr/bin/env node
// Downtime desktop launcher: signs the signed-in Windows identity into a short-lived JWT with this
// ward PC's own key and opens Downtime in the default browser. Node >= 18, built-ins only.
//
//   node downtime-launcher.mjs keygen --device WARDPC-OAK-01 --out C:\ProgramData\Downtime
//   node downtime-launcher.mjs launch --device WARDPC-OAK-01 --key <pem> --app https://downtime.example/
//
// The token is a JWS in compact serialisation (RFC 7515 §7.1) carrying JWT claims (RFC 7519 §4.1).
import { spawn } from "node:child_process";
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
} from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { hostname, platform, userInfo } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const usage = `Usage:
  downtime-launcher keygen --device <id> --out <dir>
  downtime-launcher pubkey --device <id> --key <private.pem>      print the public JWK again
  downtime-launcher launch --device <id> --key <private.pem> --app <https://downtime.example/> [--dry-run]`;

// The app refuses tokens living longer than 120 s (exp - iat); 90 s leaves room for a slow browser.
const lifetimeSeconds = 90;
const deviceIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    device: { type: "string" },
    out: { type: "string" },
    key: { type: "string" },
    app: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

class UsageError extends Error {}

const base64url = (input) => Buffer.from(input).toString("base64url");

function requireDevice() {
  const device = values.device;
  if (!device || !deviceIdPattern.test(device)) {
    throw new UsageError("--device is required: letters, digits, '.', '_' or '-' (e.g. WARDPC-OAK-01)");
  }
  return device;
}

function keygen() {
  const device = requireDevice();
  if (!values.out) throw new UsageError("keygen needs --out <dir>");
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const file = join(values.out, `${device}.private.pem`);
  // "wx": never overwrite an existing key; 0600: only this account may read it (on Windows, set the
  // ACL with icacls instead; see README.md).
  writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  console.error(`Wrote ${file}. Register this public key (it is not secret):`);
  printPublicJwk(device, publicKey);
}

function printPublicJwk(device, publicKey) {
  const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
  const alg = kty === "OKP" ? "EdDSA" : "ES256";
  console.log(JSON.stringify({ kty, crv, x, y, kid: device, alg, use: "sig" }));
  // RFC 7638 thumbprint: required members in lexicographic order; `npm run device -- list` shows it too.
  const members = kty === "OKP" ? { crv, kty, x } : { crv, kty, x, y };
  const thumbprint = createHash("sha256").update(JSON.stringify(members)).digest("base64url");
  console.error(`Thumbprint (RFC 7638): ${thumbprint}`);
}

function pubkey() {
  const device = requireDevice();
  if (!values.key) throw new UsageError("pubkey needs --key");
  printPublicJwk(device, createPublicKey(readFileSync(values.key, "utf8")));
}

/** DOMAIN\user of the account running this process. */
function windowsIdentity() {
  // userInfo() comes from the process token, environment variables from the user, who can change
  // them; a USERNAME that disagrees with the token is refused rather than trusted.
  const tokenUser = userInfo().username;
  if (platform() === "win32") {
    const envUser = process.env.USERNAME;
    const domain = process.env.USERDOMAIN;
    if (!domain) throw new Error("USERDOMAIN is not set: is this a domain-joined Windows PC?");
    if (envUser && envUser.toLowerCase() !== tokenUser.toLowerCase()) {
      throw new Error("USERNAME does not match the signed-in Windows account");
    }
    return `${domain}\\${tokenUser}`;
  }
  // Not Windows (developer machines, demos, tests): the domain comes from USERDOMAIN or the host
  // name, and DOWNTIME_LAUNCHER_USER may name a demo account. Ward PCs are Windows, where the
  // account always comes from the process token above.
  const domain = process.env.USERDOMAIN || hostname().split(".")[0];
  return `${domain}\\${process.env.DOWNTIME_LAUNCHER_USER || tokenUser}`;
}

function signToken(device, keyPem, audience) {
  const key = createPrivateKey(keyPem);
  const ed25519 = key.asymmetricKeyType === "ed25519";
  if (
    !ed25519 &&
    !(key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1")
  ) {
    throw new Error("the key must be an EC P-256 (ES256) or Ed25519 (EdDSA) private key");
  }
  // RFC 7515 §4.1: alg and kid; the app pins alg to the registered key's type and finds it by kid.
  const header = { alg: ed25519 ? "EdDSA" : "ES256", typ: "JWT", kid: device };
  const iat = Math.floor(Date.now() / 1000);
  // RFC 7519 §4.1: sub, aud, iat, exp, jti (single use, recorded by the app); device and host are ours.
  const claims = {
    sub: windowsIdentity(),
    aud: audience,
    iat,
    exp: iat + lifetimeSeconds,
    jti: randomUUID(),
    device,
    host: hostname(),
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  // JWS ES256 signatures are raw r||s (RFC 7518 §3.4), not DER: hence ieee-p1363.
  const signature = ed25519
    ? sign(null, Buffer.from(signingInput), key)
    : sign("sha256", Buffer.from(signingInput), { key, dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

function openBrowser(url) {
  const os = platform();
  // `start` is a cmd built-in; the empty "" is its window title. A JWT holds only [A-Za-z0-9._-].
  const [command, args] =
    os === "win32"
      ? ["cmd", ["/c", "start", '""', `"${url}"`]]
      : [os === "darwin" ? "open" : "xdg-open", [url]];
  const child = spawn(command, args, { detached: true, stdio: "ignore", windowsVerbatimArguments: true });
  child.on("error", (error) => {
    console.error(`Could not open the browser (${error.message}). Open Downtime from the desktop instead.`);
    process.exitCode = 1;
  });
  child.unref();
}

function launch() {
  const device = requireDevice();
  if (!values.key || !values.app) throw new UsageError("launch needs --key and --app");
  const app = new URL(values.app);
  if (app.protocol !== "https:" && app.hostname !== "localhost" && app.hostname !== "127.0.0.1") {
    throw new UsageError("--app must be an https:// address");
  }
  const token = signToken(device, readFileSync(values.key, "utf8"), app.origin);
  const target = new URL("launch", app.href.endsWith("/") ? app.href : `${app.href}/`);
  // The token goes in the fragment, never the query string: browsers do not send the fragment to
  // the server, so it cannot end up in web server, proxy or load balancer logs, or in a Referer
  // (RFC 3986 §3.5). The /launch page reads it in the browser and posts it to the app.
  target.hash = `token=${token}`;
  if (values["dry-run"]) console.log(target.href);
  else openBrowser(target.href);
}

try {
  const command = positionals[0];
  if (values.help || !command) {
    console.error(usage);
    process.exitCode = values.help ? 0 : 2;
  } else if (command === "keygen") keygen();
  else if (command === "pubkey") pubkey();
  else if (command === "launch") launch();
  else throw new UsageError(`unknown command: ${command}`);
} catch (error) {
  console.error(
    error instanceof UsageError ? `${error.message}\n\n${usage}` : `Downtime launcher: ${error.message}`,
  );
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
