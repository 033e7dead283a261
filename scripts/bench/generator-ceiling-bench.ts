/**
 * The load generator's own ceiling: the same tools the other stages use, against a bare Node
 * `http` server answering "ok" in a child process (so, like `next start`, it has its own event
 * loop). What it reaches is the most any stage could show on this machine now; the app's figures
 * read as a share of it.
 */
import { spawn } from "node:child_process";
import { closedLoop, keepAliveGet } from "./http-load";
import { runLoad } from "./stats";

const bareServer = `
const server = require("node:http").createServer((req, res) => {
  res.setHeader("content-type", "text/plain");
  res.end("ok");
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

async function startBareServer() {
  const child = spawn(process.execPath, ["-e", bareServer], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => void child.kill("SIGTERM") };
}

export async function generatorCeilingBench(connections = 200, requests = 20_000) {
  const server = await startBareServer();
  try {
    const autocannonCeiling = await closedLoop({
      origin: server.origin,
      path: "/",
      connections,
      amount: requests,
    });
    const items = Array.from({ length: requests / 4 }, () => "/");
    const keepAliveCeiling = await runLoad(items, connections, async (path) => {
      const answer = await keepAliveGet(`${server.origin}${path}`, {});
      return answer.status === 200;
    });
    return {
      note: "bare Node http server (child process) answering 'ok': the generator's own ceiling on this machine",
      connections,
      autocannon: autocannonCeiling,
      keepAliveAgent: keepAliveCeiling,
    };
  } finally {
    server.stop();
  }
}
