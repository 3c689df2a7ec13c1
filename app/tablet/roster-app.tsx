// The trainer's roster app: reads the roster from the tablet (IndexedDB), refreshes it from the server
// when it can, writes every tap to the tablet first and lets the Syncer send it. Works the same offline.
import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatCount, formatTime } from "./format.ts";
import { decide } from "#app/models/attendance/merge.ts";
import { keepPageOffline } from "./offline.ts";
import { passIdOf } from "#app/models/registration/pass.ts";
import {
  applyStates,
  buildDecisions,
  type Decisions,
  type Filter,
  filterWalkIns,
  groupRoster,
  indexPeople,
  isPresent,
  parseQuery,
  personKey,
} from "./roster.ts";
import { TabletStore, uuid } from "./store.ts";
import { type SyncStatus, Syncer } from "./sync.ts";
import type {
  LocalMark,
  LocalWalkIn,
  Roster,
  RosterChanges,
  RosterCommittee,
  RosterPerson,
  RosterWalkIn,
} from "#app/models/attendance/roster-types.ts";
import type { ScanFeedback } from "./scanner-panel.tsx";
import { VirtualList } from "./virtual-list.tsx";

// Loaded when first opened, to keep the roster page's own JavaScript small.
const Scanner = lazy(() => import("./scanner-panel.tsx").then((m) => ({ default: m.Scanner })));
const WalkInForm = lazy(() => import("./walk-in-form.tsx").then((m) => ({ default: m.WalkInForm })));

const POLL_MS = 4000;
const FULL_REFRESH_MS = 5 * 60_000;
// Rows changed just before the server's clock reading may commit a moment later: look back a little.
const POLL_OVERLAP_MS = 30_000;

type Target = { appointeeId: number; walkInId: null } | { appointeeId: null; walkInId: string };

type Item =
  | { kind: "committee"; committee: RosterCommittee; present: number; registered: number; invited: number }
  | { kind: "person"; person: RosterPerson }
  | { kind: "walk-ins" }
  | { kind: "walk-in"; walkIn: RosterWalkIn };

const heights: Record<Item["kind"], number> = { committee: 60, person: 76, "walk-ins": 60, "walk-in": 76 };
const heightOf = (item: Item) => heights[item.kind];
const keyOf = (item: Item) =>
  item.kind === "committee"
    ? `c${item.committee.id}`
    : item.kind === "person"
      ? `p${item.person.id}`
      : item.kind === "walk-in"
        ? `w${item.walkIn.id}`
        : "walk-ins";

export function RosterApp({ eventId }: { eventId: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "hi";
  const [phase, setPhase] = useState<"loading" | "ready" | "missing">("loading");
  const [roster, setRoster] = useState<Roster | null>(null);
  const [localWalkIns, setLocalWalkIns] = useState<LocalWalkIn[]>([]);
  // Decisions change on every tap: kept in a ref and announced by a version number.
  const decisions = useRef<Decisions>(new Map());
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<SyncStatus>({ state: "idle", pending: 0, refused: 0 });
  const [sessionId, setSessionId] = useState<number | null>(null);
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [includeInvited, setIncludeInvited] = useState(false);
  const [panel, setPanel] = useState<"none" | "scanner" | "walk-in">("none");
  const [feedback, setFeedback] = useState<ScanFeedback | null>(null);
  const store = useRef<TabletStore | null>(null);
  const syncer = useRef<Syncer | null>(null);
  const rosterRef = useRef<Roster | null>(null);
  const since = useRef<string | null>(null);
  const writing = useRef(new Set<string>());

  const showRoster = useCallback(async (next: Roster) => {
    const s = store.current!;
    const [marks, walkIns] = await Promise.all([s.marks(next.event.id), s.walkIns(next.event.id)]);
    decisions.current = buildDecisions(next.attendance, marks);
    rosterRef.current = next;
    setRoster(next);
    setLocalWalkIns(walkIns);
    setVersion((v) => v + 1);
    setSessionId((current) => current ?? defaultSession(next));
    setPhase("ready");
  }, []);

  const refresh = useCallback(async () => {
    const response = await fetch(`/tablet/events/${eventId}/roster.json`, { credentials: "same-origin" });
    if (!response.ok) return false;
    const fresh = (await response.json()) as Roster;
    await store.current!.saveRoster(fresh);
    since.current = fresh.serverTime;
    await showRoster(fresh);
    return true;
  }, [eventId, showRoster]);

  const poll = useCallback(async () => {
    const current = rosterRef.current;
    if (!current || !since.current || !navigator.onLine) return;
    const from = new Date(Date.parse(since.current) - POLL_OVERLAP_MS).toISOString();
    const response = await fetch(`/tablet/events/${eventId}/roster.json?since=${encodeURIComponent(from)}`, {
      credentials: "same-origin",
    }).catch(() => null);
    if (!response?.ok) return;
    const changes = (await response.json()) as RosterChanges;
    since.current = changes.serverTime;
    const known = new Set(current.walkIns.map((w) => w.id));
    const newWalkIns = changes.walkIns.filter((w) => !known.has(w.id));
    const changed = applyStates(decisions.current, changes.attendance);
    const withdrawn = new Set(changes.withdrawn);
    const people = withdrawn.size ? current.people.filter((p) => !withdrawn.has(p.id)) : current.people;
    if (!changed && newWalkIns.length === 0 && people.length === current.people.length) return;
    const byKey = new Map(current.attendance.map((a) => [personKey(a.sessionId, a), a]));
    for (const a of changes.attendance) byKey.set(personKey(a.sessionId, a), a);
    const next = {
      ...current,
      people,
      attendance: [...byKey.values()],
      walkIns: [...current.walkIns, ...newWalkIns],
    };
    rosterRef.current = next;
    setRoster(next);
    setVersion((v) => v + 1);
    await store.current!.saveRoster(next);
  }, [eventId]);

  useEffect(() => {
    let stopped = false;
    let pollTimer: ReturnType<typeof setInterval> | undefined;
    let refreshTimer: ReturnType<typeof setInterval> | undefined;
    (async () => {
      const s = await TabletStore.open();
      if (stopped) return;
      store.current = s;
      const stored = await s.roster(eventId);
      if (stored) {
        since.current = stored.serverTime;
        await showRoster(stored);
      }
      const deviceId = await s.deviceId();
      syncer.current = new Syncer(s, eventId, deviceId, setStatus, () => void poll());
      syncer.current.start();
      keepPageOffline().catch(() => {});
      const fresh = navigator.onLine ? await refresh().catch(() => false) : false;
      if (!stored && !fresh && !stopped) setPhase("missing");
      pollTimer = setInterval(() => void poll(), POLL_MS);
      refreshTimer = setInterval(() => {
        if (navigator.onLine) void refresh().catch(() => {});
      }, FULL_REFRESH_MS);
    })();
    return () => {
      stopped = true;
      syncer.current?.stop();
      clearInterval(pollTimer);
      clearInterval(refreshTimer);
    };
  }, [eventId, showRoster, refresh, poll]);

  /** Writes a mark on the tablet first, shows it, then lets the syncer send it. */
  const mark = useCallback(
    async (target: Target, action: "mark" | "undo" | "toggle", walkIn?: LocalWalkIn) => {
      const s = store.current;
      if (!s || sessionId === null) return;
      const key = personKey(sessionId, target);
      // A second tap while the first is still being written would read the old state: ignore it.
      if (writing.current.has(key)) return;
      writing.current.add(key);
      try {
        const current = decisions.current.get(key);
        const chosen = action === "toggle" ? (current?.present ? "undo" : "mark") : action;
        // A tap answers what the trainer sees, so it comes after the mark that decided it, even if another
        // tablet's clock ran ahead.
        const at = Math.max(Date.now(), current ? Date.parse(current.markedAt) + 1 : 0);
        const local: LocalMark = {
          clientId: uuid(),
          eventId,
          sessionId,
          appointeeId: target.appointeeId,
          walkInId: target.walkInId,
          action: chosen,
          markedAt: new Date(at).toISOString(),
          synced: 0,
        };
        await s.addMark(local, walkIn);
        decisions.current.set(key, decide(current, local));
      } finally {
        writing.current.delete(key);
      }
      if (walkIn) setLocalWalkIns((list) => [...list, walkIn]);
      setVersion((v) => v + 1);
      void syncer.current?.kick();
    },
    [eventId, sessionId],
  );

  const indexed = useMemo(
    () => indexPeople(roster?.people ?? [], sessionId ?? 0),
    [roster?.people, sessionId],
  );
  const byPass = useMemo(() => {
    const map = new Map<string, RosterPerson>();
    for (const p of roster?.people ?? []) if (p.pass) map.set(p.pass, p);
    return map;
  }, [roster?.people]);
  const committeeOf = useMemo(
    () => new Map((roster?.committees ?? []).map((c) => [c.id, c])),
    [roster?.committees],
  );
  const designationOf = useMemo(
    () => new Map((roster?.designations ?? []).map((d) => [d.code, d])),
    [roster?.designations],
  );
  const allWalkIns = useMemo(() => {
    const seen = new Set<string>();
    return [...(roster?.walkIns ?? []), ...localWalkIns].filter((w) => !seen.has(w.id) && seen.add(w.id));
  }, [roster?.walkIns, localWalkIns]);

  const parsedQuery = useMemo(() => parseQuery(query), [query]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` announces changed decisions
  const view = useMemo(() => {
    if (!roster || sessionId === null) return null;
    const v = { sessionId, query: parsedQuery, filter, includeInvited };
    const { groups, counts } = groupRoster(indexed, roster.committees, decisions.current, v);
    const walkIns = filterWalkIns(allWalkIns, decisions.current, v);
    const walkInsPresent = allWalkIns.filter(
      (w) => w.sessionId === sessionId && isPresent(decisions.current, `${sessionId}:w${w.id}`),
    ).length;
    const items: Item[] = [];
    for (const g of groups) {
      items.push({
        kind: "committee",
        committee: g.committee,
        present: g.present,
        registered: g.registered,
        invited: g.invited,
      });
      for (const person of g.people) items.push({ kind: "person", person });
    }
    if (walkIns.length > 0) {
      items.push({ kind: "walk-ins" });
      for (const walkIn of walkIns) items.push({ kind: "walk-in", walkIn });
    }
    return {
      items,
      counts: { ...counts, walkIns: walkInsPresent },
      empty: groups.every((g) => g.people.length === 0),
    };
  }, [roster, sessionId, parsedQuery, filter, includeInvited, indexed, allWalkIns, version]);

  const onScan = useCallback(
    async (text: string) => {
      const passId = passIdOf(text);
      if (!passId) return setFeedback({ kind: "unknown" });
      let person = byPass.get(passId);
      if (!person && navigator.onLine) {
        const response = await fetch(`/tablet/events/${eventId}/pass.json?code=${encodeURIComponent(text)}`, {
          credentials: "same-origin",
        }).catch(() => null);
        const answer = response?.ok
          ? ((await response.json()) as { result: string; appointeeId?: number })
          : null;
        if (answer?.result === "this-event") {
          // Registered after the roster was loaded: load it again and look once more.
          await refresh().catch(() => false);
          person = rosterRef.current?.people.find((p) => p.id === answer.appointeeId);
        } else if (answer) {
          return setFeedback({ kind: answer.result === "not-invited" ? "not-invited" : "unknown" });
        }
      }
      if (!person || sessionId === null) return setFeedback({ kind: "not-on-roster" });
      const committee = committeeOf.get(person.committeeId);
      const already = isPresent(
        decisions.current,
        personKey(sessionId, { appointeeId: person.id, walkInId: null }),
      );
      if (!already) await mark({ appointeeId: person.id, walkInId: null }, "mark");
      setFeedback({
        kind: already ? "already" : "marked",
        person,
        committee,
        registered: person.status === "registered",
      });
    },
    [byPass, committeeOf, eventId, mark, refresh, sessionId],
  );

  // Row texts looked up once per language, not once per row.
  const labels = useMemo(
    () => ({
      markedPresent: t("tablet.markedPresent"),
      notMarked: t("tablet.notMarked"),
      walkInsHeading: t("tablet.walkInsHeading"),
      status: {
        registered: t("tablet.status_registered"),
        waitlisted: t("tablet.status_waitlisted"),
        declined: t("tablet.status_declined"),
        cancelled: t("tablet.status_cancelled"),
        none: t("tablet.status_none"),
      },
    }),
    [t],
  );

  if (phase === "loading") return <p className="tablet-message">{t("tablet.loading")}</p>;
  if (phase === "missing" || !roster || !view || sessionId === null)
    return <p className="tablet-message notice error">{t("tablet.notStored")}</p>;

  const nameOf = (p: { name: string; nameHi: string | null }) =>
    language === "hi" && p.nameHi ? [p.nameHi, p.name] : [p.name, p.nameHi];
  const title = language === "hi" ? roster.event.titleHi : roster.event.titleEn;

  return (
    <div className="tablet-app">
      <h1 className="tablet-title">{title}</h1>
      <nav className="session-tabs" aria-label={t("tablet.sessions")}>
        {roster.sessions.map((s) => (
          <button
            key={s.id}
            type="button"
            aria-pressed={s.id === sessionId}
            onClick={() => setSessionId(s.id)}
          >
            <span>{language === "hi" ? s.titleHi : s.titleEn}</span>
            <small>
              {s.room
                ? t("tablet.sessionAt", { time: formatTime(s.startsAt, language), room: s.room })
                : formatTime(s.startsAt, language)}
            </small>
          </button>
        ))}
      </nav>
      {/* Stays on screen while the list scrolls: counts, what waits to sync, search. */}
      <div className="tablet-bar">
        <div className="tablet-status">
          <dl className="tablet-counts" aria-live="polite">
            <div>
              <dt>{t("tablet.present")}</dt>
              <dd data-count="present">{formatCount(view.counts.present, language)}</dd>
            </div>
            <div>
              <dt>{t("tablet.registered")}</dt>
              <dd data-count="registered">{formatCount(view.counts.registered, language)}</dd>
            </div>
            <div>
              <dt>{t("tablet.invited")}</dt>
              <dd data-count="invited">{formatCount(view.counts.invited, language)}</dd>
            </div>
            <div>
              <dt>{t("tablet.walkIns")}</dt>
              <dd data-count="walk-ins">{formatCount(view.counts.walkIns, language)}</dd>
            </div>
          </dl>
          <SyncBadge status={status} />
        </div>
        <div className="tablet-tools">
          <label className="tablet-search">
            <span>{t("tablet.searchLabel")}</span>
            <input
              type="search"
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <button
            type="button"
            className="button"
            onClick={() => setPanel(panel === "scanner" ? "none" : "scanner")}
          >
            {panel === "scanner" ? t("tablet.closeScanner") : t("tablet.scan")}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => setPanel(panel === "walk-in" ? "none" : "walk-in")}
          >
            {t("tablet.addWalkIn")}
          </button>
        </div>
      </div>
      <fieldset className="tablet-filters">
        <legend>{t("tablet.filterLabel")}</legend>
        {(["all", "unmarked", "present"] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="filter" checked={filter === f} onChange={() => setFilter(f)} />
            {t(`tablet.filter_${f}`)}
          </label>
        ))}
        <label>
          <input
            type="checkbox"
            checked={includeInvited}
            onChange={(e) => setIncludeInvited(e.currentTarget.checked)}
          />
          {t("tablet.includeInvited")}
        </label>
      </fieldset>
      <Suspense fallback={<p className="tablet-message">{t("tablet.loading")}</p>}>
        {panel === "scanner" ? (
          <Scanner onCode={onScan} feedback={feedback} nameOf={nameOf} language={language} />
        ) : null}
        {panel === "walk-in" ? (
          <WalkInForm
            onCancel={() => setPanel("none")}
            onSave={async (name, phone) => {
              const walkIn: LocalWalkIn = {
                id: uuid(),
                eventId,
                sessionId,
                name,
                phone,
                createdAt: new Date().toISOString(),
                synced: 0,
              };
              await mark({ appointeeId: null, walkInId: walkIn.id }, "mark", walkIn);
              setPanel("none");
              // Show the new walk-in, marked.
              setQuery(name);
            }}
          />
        ) : null}
      </Suspense>

      {view.empty && view.items.length === 0 ? (
        <p className="tablet-message">{t("tablet.noMatches")}</p>
      ) : null}
      <VirtualList
        items={view.items}
        heightOf={heightOf}
        keyOf={keyOf}
        renderedFor={query}
        resetKey={`${query}|${filter}|${sessionId}`}
        render={(item) => {
          if (item.kind === "committee") {
            return (
              <CommitteeRow
                name={language === "hi" ? item.committee.nameHi : item.committee.nameEn}
                counts={t("tablet.committeeCount", {
                  present: formatCount(item.present, language),
                  registered: formatCount(item.registered, language),
                  invited: formatCount(item.invited, language),
                })}
              />
            );
          }
          if (item.kind === "walk-ins") return <CommitteeRow name={labels.walkInsHeading} counts={null} />;
          if (item.kind === "walk-in") {
            const present = isPresent(decisions.current, `${sessionId}:w${item.walkIn.id}`);
            return (
              <PersonRow
                appointeeId={null}
                walkInId={item.walkIn.id}
                primary={item.walkIn.name}
                secondary={item.walkIn.phone}
                note={null}
                registered={false}
                present={present}
                stateLabel={present ? labels.markedPresent : labels.notMarked}
                onTap={mark}
              />
            );
          }
          const person = item.person;
          const present = isPresent(decisions.current, `${sessionId}:a${person.id}`);
          const [primary, secondary] = nameOf(person);
          const designation = designationOf.get(person.designation);
          const designationName = designation
            ? language === "hi"
              ? designation.nameHi
              : designation.nameEn
            : null;
          const status = labels.status[person.status ?? "none"];
          return (
            <PersonRow
              appointeeId={person.id}
              walkInId={null}
              primary={primary ?? person.name}
              secondary={secondary ?? null}
              note={designationName ? `${designationName} · ${status}` : status}
              registered={person.status === "registered"}
              present={present}
              stateLabel={present ? labels.markedPresent : labels.notMarked}
              onTap={mark}
            />
          );
        }}
      />
    </div>
  );
}

const CommitteeRow = memo(function CommitteeRow({ name, counts }: { name: string; counts: string | null }) {
  return (
    <h2 className="committee-row">
      <span>{name}</span>
      {counts ? <small>{counts}</small> : null}
    </h2>
  );
});

/** One person: a row-wide button, so the whole row is the touch target. Memoised: a search re-renders
 *  only rows that change. */
const PersonRow = memo(function PersonRow(props: {
  appointeeId: number | null;
  walkInId: string | null;
  primary: string;
  secondary: string | null;
  note: string | null;
  registered: boolean;
  present: boolean;
  stateLabel: string;
  onTap: (target: Target, action: "toggle") => Promise<void>;
}) {
  const { appointeeId, walkInId, onTap } = props;
  return (
    <button
      type="button"
      className="person-row"
      aria-pressed={props.present}
      data-registered={props.registered}
      onClick={() =>
        void onTap(
          appointeeId !== null ? { appointeeId, walkInId: null } : { appointeeId: null, walkInId: walkInId! },
          "toggle",
        )
      }
    >
      <span className="tick" aria-hidden="true">
        {props.present ? "✓" : ""}
      </span>
      <span className="who">
        <span className="primary">{props.primary}</span>
        {props.secondary ? <span className="secondary">{props.secondary}</span> : null}
      </span>
      {props.note ? <span className="note">{props.note}</span> : null}
      <span className="state">{props.stateLabel}</span>
    </button>
  );
});

/** The session on now, else the next one, else the first. */
function defaultSession(roster: Roster): number | null {
  const now = Date.now();
  const current = roster.sessions.find((s) => Date.parse(s.endsAt) >= now);
  return (current ?? roster.sessions[0])?.id ?? null;
}

function SyncBadge({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <div className={`sync-badge sync-${status.state}`} role="status" data-pending={status.pending}>
      <strong>
        {status.pending > 0
          ? t("tablet.pending", { count: status.pending })
          : t(`tablet.sync_${status.state === "syncing" ? "idle" : status.state}`)}
      </strong>
      {status.pending > 0 || (status.state !== "idle" && status.state !== "syncing") ? (
        <span>{t(`tablet.sync_${status.state}`)}</span>
      ) : null}
      {status.state === "signed-out" ? (
        <a
          href={`/sign-in?redirectTo=${encodeURIComponent(typeof location === "undefined" ? "/tablet" : location.pathname)}`}
        >
          {t("tablet.signInAgain")}
        </a>
      ) : null}
      {status.refused > 0 ? (
        <span className="refused">{t("tablet.refused", { count: status.refused })}</span>
      ) : null}
    </div>
  );
}
