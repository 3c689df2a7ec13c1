// What the server sends a tablet (as JSON: times are ISO strings) and what the tablet keeps in IndexedDB.
import type { MarkAction } from "./merge.ts";

export type RegistrationStatus = "registered" | "waitlisted" | "declined" | "cancelled";

export type RosterEvent = {
  id: number;
  titleEn: string;
  titleHi: string;
  venueName: string;
  startsAt: string;
  endsAt: string;
};

export type RosterSession = {
  id: number;
  kind: "plenary" | "training" | "expert";
  titleEn: string;
  titleHi: string;
  room: string;
  startsAt: string;
  endsAt: string;
};

export type RosterCommittee = { id: number; nameEn: string; nameHi: string };
export type RosterDesignation = { code: string; nameEn: string; nameHi: string };

/** One invited person; `status` is null when they have not answered the invitation. */
export type RosterPerson = {
  id: number;
  name: string;
  nameHi: string | null;
  phone: string | null;
  committeeId: number;
  designation: string;
  status: RegistrationStatus | null;
  /** The check-in pass id (random), which the pass's QR code carries. */
  pass: string | null;
};

export type RosterWalkIn = {
  id: string;
  sessionId: number;
  name: string;
  phone: string | null;
  createdAt: string;
};

/** The server's current state of one person at one session. */
export type AttendanceState = {
  sessionId: number;
  appointeeId: number | null;
  walkInId: string | null;
  present: boolean;
  markedAt: string;
  clientId: string;
};

export type Roster = {
  event: RosterEvent;
  sessions: RosterSession[];
  committees: RosterCommittee[];
  designations: RosterDesignation[];
  people: RosterPerson[];
  walkIns: RosterWalkIn[];
  attendance: AttendanceState[];
  serverTime: string;
};

/** What changed since a tablet last looked (GET roster.json?since=…). */
export type RosterChanges = {
  walkIns: RosterWalkIn[];
  attendance: AttendanceState[];
  /** People whose invitation the organisers withdrew: off the roster. */
  withdrawn: number[];
  serverTime: string;
};

/** A mark as the tablet keeps it until (and after) the server has it. */
export type LocalMark = {
  clientId: string;
  eventId: number;
  sessionId: number;
  appointeeId: number | null;
  walkInId: string | null;
  action: MarkAction;
  markedAt: string;
  /** 0: waiting to sync, 1: the server has it, 2: the server refused it. */
  synced: 0 | 1 | 2;
};

export type LocalWalkIn = RosterWalkIn & { eventId: number; synced: 0 | 1 };
