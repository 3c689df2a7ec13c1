// The roster on the tablet: who counts as present (server state merged with the tablet's own marks),
// search in either script or by phone digits, filters, and grouping by committee with counts.
// Pure functions: the page, the tests and the search benchmark use them alike.
import { type Decision, decide } from "#app/models/attendance/merge.ts";
import type {
  AttendanceState,
  LocalMark,
  RosterCommittee,
  RosterPerson,
  RosterWalkIn,
} from "#app/models/attendance/roster-types.ts";

export type Decisions = Map<string, Decision>;

/** The key of one person at one session: an appointee id or a walk-in's uuid. */
export function personKey(
  sessionId: number,
  person: { appointeeId: number | null; walkInId: string | null },
) {
  return person.appointeeId !== null
    ? `${sessionId}:a${person.appointeeId}`
    : `${sessionId}:w${person.walkInId}`;
}

/** The server's states, then the tablet's marks on top, each by the latest time of marking. */
export function buildDecisions(attendance: AttendanceState[], marks: LocalMark[]): Decisions {
  const decisions: Decisions = new Map();
  for (const a of attendance) {
    const key = personKey(a.sessionId, a);
    decisions.set(key, decide(decisions.get(key), { ...a, action: a.present ? "mark" : "undo" }));
  }
  for (const m of marks) {
    if (m.synced === 2) continue; // refused by the server: it never counted
    const key = personKey(m.sessionId, m);
    decisions.set(key, decide(decisions.get(key), m));
  }
  return decisions;
}

/** Applies states that arrived from the server (another tablet's marks) to the decisions, in place. */
export function applyStates(decisions: Decisions, states: AttendanceState[]): boolean {
  let changed = false;
  for (const a of states) {
    const key = personKey(a.sessionId, a);
    const before = decisions.get(key);
    const after = decide(before, { ...a, action: a.present ? "mark" : "undo" });
    if (after !== before) {
      decisions.set(key, after);
      changed = true;
    }
  }
  return changed;
}

// Latin letters lose their accents; Devanagari keeps its vowel signs but drops the nukta (people type
// "ड" for "ड़"); both scripts are compared in NFC after that.
const latinMarks = /[\u0300-\u036f]/g;
const nukta = /\u093c/g;

export function normalizeText(value: string): string {
  return value.normalize("NFD").replace(latinMarks, "").replace(nukta, "").normalize("NFC").toLowerCase();
}

/** What a person is found by: both names, normalised, and the phone's digits. */
export type Searchable = { text: string; digits: string };

export function searchableOf(person: {
  name: string;
  nameHi: string | null;
  phone: string | null;
}): Searchable {
  return {
    text: normalizeText(`${person.name} ${person.nameHi ?? ""}`),
    digits: (person.phone ?? "").replace(/\D/g, ""),
  };
}

export type Query = { text: string; digits: string | null };

/** A query of digits (three or more, spaces and dashes allowed) searches phones; anything else names. */
export function parseQuery(input: string): Query {
  const trimmed = input.trim();
  const digits = trimmed.replace(/[\s+()-]/g, "");
  if (/^\d{3,}$/.test(digits)) return { text: "", digits };
  return { text: normalizeText(trimmed).replace(/\s+/g, " "), digits: null };
}

export function matches(searchable: Searchable, query: Query): boolean {
  if (query.digits !== null) return searchable.digits.includes(query.digits);
  if (!query.text) return true;
  // Every word of the query somewhere in the names, in any order ("sharma ramesh").
  for (const word of query.text.split(" ")) if (!searchable.text.includes(word)) return false;
  return true;
}

export type Filter = "all" | "unmarked" | "present";

export type RosterView = {
  sessionId: number;
  query: Query;
  filter: Filter;
  /** Show invited people who have not registered (they may still walk in). */
  includeInvited: boolean;
};

export type Expected = "registered" | "invited";

/** Registered people are expected; everyone else invited (waitlisted, declined, no answer) may come. */
export function expectedAs(person: RosterPerson): Expected {
  return person.status === "registered" ? "registered" : "invited";
}

export type CommitteeGroup = {
  committee: RosterCommittee;
  people: RosterPerson[];
  /** Of the whole committee at this session, whatever the search: */
  present: number;
  registered: number;
  invited: number;
};

export type RosterCounts = { present: number; registered: number; invited: number; walkIns: number };

/** A person ready for searching at one session: names normalised and the decision key made once. */
export type IndexedPerson = { person: RosterPerson; searchable: Searchable; key: string };

export function indexPeople(people: RosterPerson[], sessionId: number): IndexedPerson[] {
  return people.map((person) => ({
    person,
    searchable: searchableOf(person),
    key: `${sessionId}:a${person.id}`,
  }));
}

export function isPresent(decisions: Decisions, key: string): boolean {
  return decisions.get(key)?.present === true;
}

/**
 * The people to show, grouped by committee (in the committees' order), with each committee's counts at
 * the session (the one `indexed` was made for); empty groups are left out unless nothing is searched or
 * filtered.
 */
export function groupRoster(
  indexed: IndexedPerson[],
  committees: RosterCommittee[],
  decisions: Decisions,
  view: RosterView,
): { groups: CommitteeGroup[]; counts: Omit<RosterCounts, "walkIns"> } {
  const groups = new Map<number, CommitteeGroup>();
  for (const committee of committees) {
    groups.set(committee.id, { committee, people: [], present: 0, registered: 0, invited: 0 });
  }
  const counts = { present: 0, registered: 0, invited: 0 };
  const searching = view.query.digits !== null || view.query.text !== "";
  for (const { person, searchable, key } of indexed) {
    const group = groups.get(person.committeeId);
    if (!group) continue;
    const present = isPresent(decisions, key);
    const registered = person.status === "registered";
    group.invited++;
    counts.invited++;
    if (registered) {
      group.registered++;
      counts.registered++;
    }
    if (present) {
      group.present++;
      counts.present++;
    }
    // Someone present is shown even if not registered: they were marked, so they belong on the list.
    if (!registered && !present && !view.includeInvited && !searching) continue;
    if (view.filter === "present" && !present) continue;
    if (view.filter === "unmarked" && present) continue;
    if (searching && !matches(searchable, view.query)) continue;
    group.people.push(person);
  }
  const filtered = searching || view.filter !== "all";
  return { groups: [...groups.values()].filter((g) => g.people.length > 0 || !filtered), counts };
}

export function filterWalkIns(
  walkIns: RosterWalkIn[],
  decisions: Decisions,
  view: RosterView,
): RosterWalkIn[] {
  return walkIns.filter((w) => {
    if (w.sessionId !== view.sessionId) return false;
    const present = isPresent(decisions, `${view.sessionId}:w${w.id}`);
    if (view.filter === "present" && !present) return false;
    if (view.filter === "unmarked" && present) return false;
    return matches(searchableOf({ name: w.name, nameHi: null, phone: w.phone }), view.query);
  });
}

/** A walk-in's phone as the tablet asks for it: ten digits of an Indian mobile, or with +91 / 0 before. */
export function isPlausiblePhone(input: string): boolean {
  const digits = input.replace(/[\s()-]/g, "");
  return /^(\+91|0091|91|0)?[6-9]\d{9}$/.test(digits);
}
