// The public home page's organisation-wide figures are the same for every visitor: computed at most once a
// minute per process, not on every anonymous hit (the page says when they were counted). Server-only: a
// route module's top level also runs in the browser.
import { getOrganisationOverview } from "#app/models/organisation/unit.server.ts";
import { cachedFor } from "#app/platform/cached.server.ts";
import { getDb } from "#app/platform/db.server.ts";

export const readHomeOverview = cachedFor(60_000, () => getOrganisationOverview(getDb()));
