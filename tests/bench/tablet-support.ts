// Shared by the tablet benchmarks: a fresh build, a scratch database with a camp of `people` invitees, a
// real portal (production mode) on it, and a trainer's session cookie for that portal.
import { execFileSync } from "node:child_process";
import { createCookie } from "@remix-run/node";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { startPortal, type Portal } from "#tests/support/portal.ts";
import { createScratchDatabase, type ScratchDatabase } from "#tests/support/scratch-database.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";

const SECRET = "tablet-bench-secret-0123456789abcdefghij";
let built = false;

/** Builds the app once per bench run, so figures describe the code as it is now. */
export function buildOnce(): void {
  if (built) return;
  execFileSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  built = true;
}

export type TabletBench = {
  scratch: ScratchDatabase;
  fixture: TabletFixture;
  portal: Portal;
  /** Cookie header of a signed-in trainer of the fixture's first session. */
  trainerCookie: string;
  close: () => Promise<void>;
};

export async function startTabletBench(people: number, committees = 10): Promise<TabletBench> {
  buildOnce();
  const scratch = await createScratchDatabase();
  try {
    const fixture = await createTabletFixture(scratch.db, { people, committees });
    const cookie = createCookie("__session", {
      secrets: [SECRET],
      path: "/",
      httpOnly: true,
      sameSite: "lax",
    });
    const trainerCookie = (
      await cookie.serialize(await createStaffSession(scratch.db, fixture.trainerId))
    ).split(";")[0]!;
    const portal = await startPortal(scratch.url, {
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      WORKER: "none",
      LOG_LEVEL: "warn",
    });
    return {
      scratch,
      fixture,
      portal,
      trainerCookie,
      close: async () => {
        await portal.stop();
        await scratch.drop();
      },
    };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}
