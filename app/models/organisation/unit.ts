// Pure rules of the organisation tree, shared by the UI, the models and the tests.
import { z } from "zod";
import { type UnitLevel, unitLevels } from "./unit-levels.ts";

export { type UnitLevel, unitLevels };

export function levelRank(level: UnitLevel): number {
  return unitLevels.indexOf(level);
}

/** A child must sit at a deeper level than its parent (a block may hang directly under a district). */
export function canNest(parent: UnitLevel, child: UnitLevel): boolean {
  return levelRank(child) > levelRank(parent);
}

/** The LIKE pattern that matches a unit and everything below it, from its materialised path '/1/12/'. */
export function subtreePattern(path: string): string {
  if (!/^(\/\d+)+\/$/.test(path)) throw new Error(`not a unit path: ${path}`);
  return `${path}%`;
}

/** Default seat quota of a new committee, by the level of its unit (configurable per deployment later). */
export const defaultSeatQuota: Record<UnitLevel, number> = {
  state: 50,
  district: 40,
  assembly: 10,
  block: 15,
  panchayat: 11,
  booth: 5,
};

/** The ids along a materialised path, outermost first: '/1/12/140/' → [1, 12, 140]. */
export function pathIds(path: string): number[] {
  subtreePattern(path); // validates the shape
  return path.split("/").filter(Boolean).map(Number);
}

/**
 * Units listed as a tree (each right after its parent), brothers and sisters in the order of their names in
 * the reader's language, the way people look for them. Ancestors missing from the list are skipped.
 */
export function inTreeOrder<T extends { id: number; path: string }>(
  units: T[],
  nameOf: (unit: T) => string,
  locale: string,
): T[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const collator = new Intl.Collator(locale);
  const lineage = new Map(
    units.map((u) => [u, pathIds(u.path).flatMap((id) => byId.get(id) ?? [])] as const),
  );
  return [...units].sort((a, b) => {
    const [la, lb] = [lineage.get(a)!, lineage.get(b)!];
    for (let i = 0; i < Math.min(la.length, lb.length); i++) {
      const [x, y] = [la[i]!, lb[i]!];
      if (x !== y) return collator.compare(nameOf(x), nameOf(y)) || x.id - y.id;
    }
    return la.length - lb.length;
  });
}

/**
 * The ancestors of the unit at `path` (itself excluded) that a reader scoped to `scopePath` may see,
 * outermost first: an organiser's trail starts at their scope unit, an admin's (`scopePath` null) at the root.
 */
export function visibleAncestorIds(path: string, scopePath: string | null): number[] {
  const ids = pathIds(path).slice(0, -1);
  if (!scopePath) return ids;
  if (!path.startsWith(scopePath)) return [];
  return ids.slice(pathIds(scopePath).length - 1);
}

/** The path of every unit below the one at `path` lies in [path, upper) in byte order ('/' < '0'). */
export function subtreeUpperBound(path: string): string {
  subtreePattern(path);
  return `${path.slice(0, -1)}0`;
}

// ---- forms and queries (error messages are translation keys: units.errors.*) ----

export const UNIT_PAGE_SIZE = 50;
export const unitCodePattern = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** Trims, collapses inner whitespace and Unicode-normalises a name (Devanagari typed on different keyboards). */
function cleanText(input: string): string {
  return input.normalize("NFC").replace(/\s+/g, " ").trim();
}

function codeField(required: string) {
  return z
    .string({ error: required })
    .transform((v) => v.trim().toUpperCase())
    .pipe(
      z
        .string()
        .min(1, { error: required })
        .max(40, { error: "units.errors.codeFormat" })
        .regex(unitCodePattern, { error: "units.errors.codeFormat" }),
    );
}

function nameField(required: string) {
  return z
    .string({ error: required })
    .transform(cleanText)
    .pipe(z.string().min(1, { error: required }).max(200, { error: "units.errors.nameTooLong" }));
}

export const UnitCodeSchema = codeField("units.errors.codeRequired");

export const UpdateUnitSchema = z.object({
  code: UnitCodeSchema,
  nameEn: nameField("units.errors.nameEnRequired"),
  nameHi: nameField("units.errors.nameHiRequired"),
});
export type UpdateUnitInput = z.output<typeof UpdateUnitSchema>;

export const CreateUnitSchema = UpdateUnitSchema.extend({
  parentId: z.coerce.number({ error: "units.errors.parentNotFound" }).int().positive().optional(),
  level: z.enum(unitLevels, { error: "units.errors.levelRequired" }),
});
export type CreateUnitInput = z.output<typeof CreateUnitSchema>;

export const MoveUnitSchema = z.object({ parentCode: codeField("units.errors.parentCodeRequired") });
export type MoveUnitInput = z.output<typeof MoveUnitSchema>;

/** ?q=…&page=… of the units pages; anything malformed falls back to the first page and no search. */
export const UnitListQuerySchema = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => cleanText(v ?? "").slice(0, 100)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type UnitListQuery = z.output<typeof UnitListQuerySchema>;

/** Escapes LIKE wildcards so a search for "50%" or "a_b" matches those characters literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
