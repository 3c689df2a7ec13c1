import { describe, expect, it } from "vitest";
import { decide, isLater } from "#app/models/attendance/merge.ts";
import { passIdOf } from "#app/models/registration/pass.ts";
import {
  applyStates,
  buildDecisions,
  filterWalkIns,
  groupRoster,
  indexPeople,
  isPlausiblePhone,
  matches,
  parseQuery,
  personKey,
  type RosterView,
  searchableOf,
} from "./roster.ts";
import type { LocalMark, RosterPerson } from "#app/models/attendance/roster-types.ts";

const person = (
  id: number,
  name: string,
  nameHi: string | null,
  extra: Partial<RosterPerson> = {},
): RosterPerson => ({
  id,
  name,
  nameHi,
  phone: `+9198290${String(id).padStart(5, "0")}`,
  committeeId: 1,
  designation: "member",
  status: "registered",
  pass: null,
  ...extra,
});

const localMark = (
  appointeeId: number,
  action: "mark" | "undo",
  markedAt: string,
  clientId: string,
): LocalMark => ({
  clientId,
  eventId: 1,
  sessionId: 10,
  appointeeId,
  walkInId: null,
  action,
  markedAt,
  synced: 0,
});

describe("merging marks", () => {
  it("lets the later time of marking win, ties broken by client id", () => {
    expect(
      isLater(
        { markedAt: "2026-11-26T10:00:01Z", clientId: "a" },
        { markedAt: "2026-11-26T10:00:00Z", clientId: "b" },
      ),
    ).toBe(true);
    expect(
      isLater(
        { markedAt: "2026-11-26T10:00:00Z", clientId: "b" },
        { markedAt: "2026-11-26T10:00:00Z", clientId: "a" },
      ),
    ).toBe(true);
    expect(
      isLater(
        { markedAt: "2026-11-26T10:00:00Z", clientId: "a" },
        { markedAt: "2026-11-26T10:00:00Z", clientId: "b" },
      ),
    ).toBe(false);
    const marked = decide(undefined, { action: "mark", markedAt: "2026-11-26T10:00:05Z", clientId: "m" });
    const earlierUndo = decide(marked, { action: "undo", markedAt: "2026-11-26T10:00:01Z", clientId: "u" });
    expect(earlierUndo).toBe(marked);
    expect(decide(marked, { action: "undo", markedAt: "2026-11-26T10:00:09Z", clientId: "u" }).present).toBe(
      false,
    );
  });

  it("puts the tablet's own marks on top of the server's state, skipping refused ones", () => {
    const decisions = buildDecisions(
      [
        {
          sessionId: 10,
          appointeeId: 1,
          walkInId: null,
          present: true,
          markedAt: "2026-11-26T10:00:00Z",
          clientId: "s1",
        },
      ],
      [
        localMark(1, "undo", "2026-11-26T10:00:02Z", "l1"),
        localMark(2, "mark", "2026-11-26T10:00:03Z", "l2"),
        { ...localMark(3, "mark", "2026-11-26T10:00:03Z", "l3"), synced: 2 },
      ],
    );
    expect(decisions.get("10:a1")?.present).toBe(false);
    expect(decisions.get("10:a2")?.present).toBe(true);
    expect(decisions.has("10:a3")).toBe(false);
    // Another tablet's older mark changes nothing; a newer one does.
    expect(
      applyStates(decisions, [
        {
          sessionId: 10,
          appointeeId: 1,
          walkInId: null,
          present: true,
          markedAt: "2026-11-26T10:00:01Z",
          clientId: "x",
        },
      ]),
    ).toBe(false);
    expect(
      applyStates(decisions, [
        {
          sessionId: 10,
          appointeeId: 1,
          walkInId: null,
          present: true,
          markedAt: "2026-11-26T10:00:09Z",
          clientId: "y",
        },
      ]),
    ).toBe(true);
    expect(decisions.get("10:a1")?.present).toBe(true);
    expect(personKey(10, { appointeeId: null, walkInId: "abc" })).toBe("10:wabc");
  });
});

describe("search", () => {
  const ramesh = searchableOf({ name: "Ramesh Sharma", nameHi: "रमेश शर्मा", phone: "+919829012345" });
  const garhwal = searchableOf({ name: "Sunita Rathore", nameHi: "सुनीता राठौड़", phone: null });

  it("finds people by either script, any word order, ignoring case and accents", () => {
    expect(matches(ramesh, parseQuery("ramesh"))).toBe(true);
    expect(matches(ramesh, parseQuery("SHARMA ram"))).toBe(true);
    expect(matches(ramesh, parseQuery("रमेश"))).toBe(true);
    expect(matches(ramesh, parseQuery("Rāmesh"))).toBe(true);
    expect(matches(ramesh, parseQuery("suresh"))).toBe(false);
    // A nukta typed or not.
    expect(matches(garhwal, parseQuery("राठौड"))).toBe(true);
    expect(matches(garhwal, parseQuery("राठौड़"))).toBe(true);
  });

  it("finds people by phone digits, with spaces or a country code", () => {
    expect(parseQuery("98290 12")).toEqual({ text: "", digits: "9829012" });
    expect(matches(ramesh, parseQuery("98290 12"))).toBe(true);
    expect(matches(ramesh, parseQuery("+91 98290"))).toBe(true);
    expect(matches(ramesh, parseQuery("12346"))).toBe(false);
    expect(matches(garhwal, parseQuery("982"))).toBe(false);
    // Two digits are not enough to mean a phone: they are searched as text.
    expect(parseQuery("12").digits).toBeNull();
  });
});

describe("grouping", () => {
  const committees = [
    { id: 1, nameEn: "A Committee", nameHi: "अ समिति" },
    { id: 2, nameEn: "B Committee", nameHi: "ब समिति" },
  ];
  const people = indexPeople(
    [
      person(1, "Ramesh Sharma", "रमेश शर्मा"),
      person(2, "Sunita Meena", "सुनीता मीणा", { status: null }),
      person(3, "Mahesh Saini", "महेश सैनी", { committeeId: 2 }),
      person(4, "Kavita Jat", "कविता जाट", { committeeId: 2, status: "declined" }),
    ],
    10,
  );
  const decisions = buildDecisions(
    [],
    [localMark(3, "mark", "2026-11-26T10:00:00Z", "c3"), localMark(4, "mark", "2026-11-26T10:00:00Z", "c4")],
  );
  const view: RosterView = { sessionId: 10, query: parseQuery(""), filter: "all", includeInvited: false };

  it("shows registered and present people by default, with counts over everyone invited", () => {
    const { groups, counts } = groupRoster(people, committees, decisions, view);
    expect(groups.map((g) => g.people.map((p) => p.id))).toEqual([[1], [3, 4]]);
    expect(counts).toEqual({ present: 2, registered: 2, invited: 4 });
    expect(groups[1]).toMatchObject({ present: 2, registered: 1, invited: 2 });
  });

  it("filters, includes invited people on request, and finds unregistered people by search", () => {
    const ids = (v: Partial<typeof view>) =>
      groupRoster(people, committees, decisions, { ...view, ...v }).groups.flatMap((g) =>
        g.people.map((p) => p.id),
      );
    expect(ids({ includeInvited: true })).toEqual([1, 2, 3, 4]);
    expect(ids({ filter: "present" })).toEqual([3, 4]);
    expect(ids({ filter: "unmarked", includeInvited: true })).toEqual([1, 2]);
    expect(ids({ query: parseQuery("sunita") })).toEqual([2]);
    // A search hides committees with no match.
    expect(
      groupRoster(people, committees, decisions, { ...view, query: parseQuery("sunita") }).groups,
    ).toHaveLength(1);
  });

  it("lists the session's walk-ins", () => {
    const walkIns = [
      {
        id: "w1",
        sessionId: 10,
        name: "Bhanwar Lal",
        phone: "+919829099999",
        createdAt: "2026-11-26T10:00:00Z",
      },
      { id: "w2", sessionId: 11, name: "Other Session", phone: null, createdAt: "2026-11-26T10:00:00Z" },
    ];
    expect(filterWalkIns(walkIns, decisions, view).map((w) => w.id)).toEqual(["w1"]);
    expect(filterWalkIns(walkIns, decisions, { ...view, filter: "present" })).toEqual([]);
  });
});

describe("small rules", () => {
  it("reads the pass id out of a scanned pass and nothing else", () => {
    const id = "AbCdEfGhIjKlMnOpQrStUv";
    expect(passIdOf(`SHIVIR-PASS:1:${id}.0123456789abcdefghij_-`)).toBe(id);
    expect(passIdOf(` SHIVIR-PASS:1:${id}.0123456789abcdefghij_- `)).toBe(id);
    expect(passIdOf(`SHIVIR-PASS:2:${id}.0123456789abcdefghij_-`)).toBeNull();
    expect(passIdOf(id)).toBeNull();
    expect(passIdOf("https://example.com")).toBeNull();
  });

  it("accepts a walk-in's phone as people write it", () => {
    for (const ok of ["9829012345", "98290 12345", "+91 98290-12345", "09829012345"])
      expect(isPlausiblePhone(ok)).toBe(true);
    for (const bad of ["", "12345", "1829012345", "98290123456", "abc"])
      expect(isPlausiblePhone(bad)).toBe(false);
  });
});
