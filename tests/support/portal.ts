// Starts the real portal (server.ts on the built app) as a child process, for server and browser tests.
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "#db/embedded.ts";

export type Portal = {
  url: string;
  output: () => string;
  stop: () => Promise<number | null>;
  /** The server's process id (for measuring its memory in /proc). */
  pid?: number;
};

/**
 * Starts `node --import tsx server.ts` against `databaseUrl` on a free port; waits for /healthz (30 s unless
 * `timeoutMs` says otherwise: a test that starts several processes at once on a busy machine needs longer).
 */
export async function startPortal(
  databaseUrl: string,
  env: Record<string, string> = {},
  { timeoutMs = 30_000 }: { timeoutMs?: number } = {},
): Promise<Portal> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      // The tests speak from many client addresses through X-Forwarded-For, as a proxy on this machine would.
      TRUST_PROXY: "loopback",
      SEED_DEMO: "never",
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited early:\n${output}`);
    const ok = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) {
      return {
        url,
        pid: child.pid,
        output: () => output,
        stop: async () => {
          child.kill("SIGTERM");
          return exited;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill("SIGKILL");
  throw new Error(`the portal did not become healthy in ${timeoutMs / 1000} s:\n${output}`);
}
