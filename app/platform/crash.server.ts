import { logger } from "./logger.server.ts";

const globalForCrashes = globalThis as unknown as { __shivirCrashHandlers?: boolean };

/**
 * A promise nobody waited for is logged with its reason and the process goes on; an exception nobody caught
 * leaves the process in an unknown state, so it is logged and the process exits non-zero for its supervisor
 * to restart (mail and jobs are leased in the database: another process, or this one restarted, takes over).
 * Both log lines go through the logger, so a database error's `detail` is redacted there too. Installed once
 * per process however often it is called.
 */
export function handleCrashes(role: string = processRole()) {
  if (globalForCrashes.__shivirCrashHandlers) return;
  globalForCrashes.__shivirCrashHandlers = true;
  process.on("unhandledRejection", (reason) => {
    logger.error(
      {
        err: reason,
        crash: "unhandledRejection",
        role,
        pid: process.pid,
        uptimeS: Math.round(process.uptime()),
      },
      "unhandled promise rejection; the process goes on",
    );
  });
  process.on("uncaughtException", (error, origin) => {
    // Set first: should logging itself fail, the process still ends with a failure.
    process.exitCode = 1;
    try {
      logger.fatal(
        { err: error, crash: origin, role, pid: process.pid, uptimeS: Math.round(process.uptime()) },
        "uncaught exception; exiting for the supervisor to restart",
      );
    } finally {
      process.exit(1);
    }
  });
}

function processRole() {
  const script = process.argv[1] ?? "";
  return /worker\.[jt]s$/.test(script) ? "worker" : /server\.[jt]s$/.test(script) ? "web" : "node";
}
