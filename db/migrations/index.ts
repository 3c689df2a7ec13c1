// Every migration, by its dated name. Static imports (not a folder scan) so that the migrations load the
// same way under tsx, vitest and any bundler. Add new ones at the end; never edit a landed one.
import type { Migration } from "kysely";
import * as organisation from "./2026-11-26T10-00_organisation.ts";
import * as mailAndSignIn from "./2026-11-26T11-00_mail-and-sign-in.ts";
import * as organisationAdmin from "./2026-11-26T12-00_organisation-admin.ts";
import * as events from "./2026-11-26T13-00_events.ts";
import * as attendance from "./2026-11-26T15-00_attendance.ts";
import * as reports from "./2026-11-26T16-00_reports.ts";
import * as revokedInvitations from "./2026-11-26T17-00_revoked-invitations.ts";
import * as mailBatches from "./2026-12-07T12-00_mail-batches.ts";
import * as sealedLinkTokens from "./2026-12-08T00-00_sealed-link-tokens.ts";
import * as programmes from "./2026-12-08T10-00_programmes.ts";

export const migrations: Record<string, Migration> = {
  "2026-11-26T10-00_organisation": organisation,
  "2026-11-26T11-00_mail-and-sign-in": mailAndSignIn,
  "2026-11-26T12-00_organisation-admin": organisationAdmin,
  "2026-11-26T13-00_events": events,
  "2026-11-26T15-00_attendance": attendance,
  "2026-11-26T16-00_reports": reports,
  "2026-11-26T17-00_revoked-invitations": revokedInvitations,
  "2026-12-07T12-00_mail-batches": mailBatches,
  "2026-12-08T00-00_sealed-link-tokens": sealedLinkTokens,
  "2026-12-08T10-00_programmes": programmes,
};
