import { logger } from "./logger.server.ts";

/**
 * A promise nobody waited for is logged with its reason and the process goes on; an exception nobody caught
 * leaves the process in an unknown state, so it is logged and the process exits for its supervisor to
 * restart (mail and jobs are leased in the database: another process, or this one restarted, takes over).
 */
export function handleCrashes() {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason }, "unhandled promise rejection");
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception; exiting");
    process.exit(1);
  });
}
