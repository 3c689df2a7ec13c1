import { createDb } from "#app/utils/db.server.ts";
import { migrateDown, migrateToLatest } from "#db/migrator.ts";
const db = createDb(`postgres://postgres@127.0.0.1:5432/${process.argv[2]}`, { max: 1 });
let t = performance.now();
if (process.argv[3] === "down") { console.log(await migrateDown(db), ((performance.now() - t) / 1000).toFixed(1), "s"); t = performance.now(); }
console.log(await migrateToLatest(db), ((performance.now() - t) / 1000).toFixed(1), "s");
await db.destroy();
