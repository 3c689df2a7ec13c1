import { randomBytes } from "node:crypto";
import { defineConfig } from "vitest/config";

// One random secret per run, for the tests and the portals they start (which inherit the environment):
// personal links sealed by a test are opened by its portal, and no secret lives in the repository.
process.env.SESSION_SECRET ||= randomBytes(32).toString("base64url");

// Four projects, one command (npm test builds first; `npx vitest run --project NAME` runs one):
// - unit: *.test.ts(x) beside the code in app/, db/ and emails/, and the Resend fake's own test (tests/fakes);
// - db: *.db.test.ts beside the code, against a real PostgreSQL (a fresh database per test file, cloned from
//   a migrated template; TEST_DATABASE_URL or an embedded server);
// - server: tests/server, the built portal as a process over HTTP (start-up, shutdown, guards, webhooks);
// - e2e: tests/e2e, the built portal in Chromium (both languages, axe-core, screenshots in test-results/).
// Shared test code (factories, fixtures, helpers) lives in tests/support and tests/setup.
export default defineConfig({
  resolve: { alias: [{ find: /^#(.*)$/, replacement: `${import.meta.dirname}/$1` }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "app/**/*.test.{ts,tsx}",
            "db/**/*.test.ts",
            "emails/**/*.test.{ts,tsx}",
            "tests/fakes/**/*.test.ts",
          ],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["**/*.db.test.ts"],
          exclude: ["node_modules/**"],
          globalSetup: ["tests/setup/global-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          globalSetup: ["tests/setup/global-database.ts"],
          testTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/global-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
