// npm run db:migrate (up to the latest) and npm run db:rollback (the newest one down).
import { runWithDatabase } from "./cli.ts";
import { migrateDown, migrateToLatest } from "./migrator.ts";

const direction = process.argv[2] === "down" ? "down" : "up";

await runWithDatabase(
  async (db, log) => {
    const names = direction === "down" ? await migrateDown(db) : await migrateToLatest(db);
    log(
      names.length
        ? `${direction === "down" ? "rolled back" : "applied"}: ${names.join(", ")}`
        : "nothing to do",
    );
  },
  { migrate: false },
);
