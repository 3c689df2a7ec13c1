import { defineConfig } from "vitest/config";

// Three kinds of test, one command (npm test): unit tests beside the code, database tests against a real
// PostgreSQL (a fresh database per test file, cloned from a migrated template), and browser tests.
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
            "tests/unit/**/*.test.ts",
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
