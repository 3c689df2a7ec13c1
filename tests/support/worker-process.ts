// Starts `npm run worker` (node --import tsx worker.ts, without npm in between so that a signal reaches the
// worker itself) against a database, for tests and benches that kill and restart workers.
import { type ChildProcess, spawn } from "node:child_process";

export type WorkerProcess = {
  child: ChildProcess;
  /** Resolves once the worker says it runs; rejects if it exits first. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  output: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<number | null>;
};

export function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): WorkerProcess {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "worker.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "error", WORKER_CONCURRENCY: "2", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("worker running")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    void exited.then((code) => reject(new Error(`the worker exited (${code}) before it ran:\n${output}`)));
  });
  ready.catch(() => {});
  return {
    child,
    ready,
    exited,
    output: () => output,
    kill: async (signal = "SIGKILL") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
