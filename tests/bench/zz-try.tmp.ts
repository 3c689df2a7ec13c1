import { createScratchDatabase } from "#tests/support/scratch-database.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { previewImport, confirmImport, getImportPreview } from "#app/models/csv-import.server.ts";
import { sql } from "kysely";
const s = await createScratchDatabase();
try {
  await seedDemo(s.db);
  const admin = await s.db.selectFrom("staffUsers").select("id").executeTakeFirstOrThrow();
  const actor = { staffId: admin.id, role: "admin" as const, scope: { kind: "all" as const } };
  const csv =
    "\uFEFFName,Name Hi,Phone,Email,Preferred Language,Committee,Designation\r\nरमेश,,98123 45678,,hi,rj-jp-ac-sng,member\r\nSita Devi,सीता देवी,+91-98123-45679,sita@example.in,,RJ-JP,President\r\n\r\nBad,, 12,x@,fr,RJ-XX,boss\r\n";
  const p = await previewImport(s.db, actor, {
    kind: "appointees",
    filename: "a.csv",
    content: new TextEncoder().encode(csv),
  });
  console.log(JSON.stringify(p, null, 1));
  if (p.status === "previewed") {
    console.log(JSON.stringify(await getImportPreview(s.db, actor, p.importId, 1), null, 1));
    console.log(JSON.stringify(await confirmImport(s.db, actor, p.importId)));
  }
  const good = csv.split("\r\n").slice(0, 3).join("\r\n");
  const p2 = await previewImport(s.db, actor, { kind: "appointees", filename: "a.csv", content: good });
  console.log(JSON.stringify(p2));
  if (p2.status === "previewed") console.log(JSON.stringify(await confirmImport(s.db, actor, p2.importId)));
  if (p2.status === "previewed") console.log(JSON.stringify(await confirmImport(s.db, actor, p2.importId)));
  console.log(await s.db.selectFrom("appointees").selectAll().orderBy("id", "desc").limit(2).execute());
  const units =
    "code,parent_code,level,name_en,name_hi\nRJ-JP-AC-SNG-BL-1,RJ-JP-AC-SNG,block,Block One,ब्लॉक एक\nRJ-JP-AC-SNG-BL-1-P1,RJ-JP-AC-SNG-BL-1,panchayat,P1,पी1\nRJ-JP,RJ,district,Jaipur City,जयपुर\n";
  const p3 = await previewImport(s.db, actor, { kind: "units", filename: "u.csv", content: units });
  console.log(JSON.stringify(p3));
  if (p3.status === "previewed") console.log(JSON.stringify(await confirmImport(s.db, actor, p3.importId)));
  console.log(
    await s.db
      .selectFrom("units")
      .innerJoin("committees", "committees.unitId", "units.id")
      .select(["units.code", "units.path", "committees.nameHi", "committees.seatQuota"])
      .orderBy("units.id", "desc")
      .limit(3)
      .execute(),
  );
} finally {
  await s.drop();
}
