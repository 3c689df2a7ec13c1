import { performance } from "node:perf_hooks";
import { formatCsvRows, UTF8_BOM, decodeCsvBytes, parseCsvRecords } from "#app/utils/csv.ts";
import {
  readCsvTable,
  appointeeSpec,
  validateAppointeeRows,
  buildDesignationLookup,
  planAppointeeImport,
} from "#app/models/csv-import.ts";
import { AppointeeSchema } from "#app/models/appointee.ts";
const N = 100000;
const rows = Array.from({ length: N }, (_, i) => [
  `Ramesh Sharma ${i}`,
  "रमेश शर्मा",
  `7${String(100000000 + i)}`,
  i % 5 === 4 ? null : `p.${i}@x.example.in`,
  "hi",
  "RJ-JP",
  "member",
]);
const csv =
  UTF8_BOM +
  formatCsvRows([
    ["name", "name_hi", "phone", "email", "preferred_language", "committee", "designation"],
    ...rows,
  ]);
const bytes = new TextEncoder().encode(csv);
let t = performance.now();
const lap = (l: string) => {
  console.log(l, Math.round(performance.now() - t));
  t = performance.now();
};
const d = decodeCsvBytes(bytes);
lap("decode");
if (!d.ok) throw 1;
parseCsvRecords(d.text);
lap("papa");
const table = readCsvTable(d.text, appointeeSpec);
lap("table");
if (!table.ok) throw 1;
for (const r of table.rows)
  AppointeeSchema.safeParse({
    name: r.cells.name,
    nameHi: r.cells.name_hi,
    phone: r.cells.phone,
    email: r.cells.email,
  });
lap("zod only");
const v = validateAppointeeRows(table.rows, {
  committees: new Map([["RJ-JP", { id: 1, inScope: true }]]),
  designations: buildDesignationLookup([{ code: "member", nameEn: "Member", nameHi: "सदस्य" }]),
});
lap("validate");
const plan = planAppointeeImport(v.rows, [], [], []);
lap("plan");
JSON.stringify(plan);
lap("json");
