// npm run seed:demo: puts the demo state into the database at DATABASE_URL (or the embedded one).
import { runWithDatabase } from "./cli.ts";
import { seedDemo } from "./seed/demo.ts";

await runWithDatabase(async (db, log) => {
  const result = await seedDemo(db);
  log(`seeded ${result.units} units and ${result.appointees} appointees; admin: ${result.adminEmail}`);
});
