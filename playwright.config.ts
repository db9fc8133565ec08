import { defineConfig, devices } from "@playwright/test";

// End-to-end tests run against the production build (`next build` has run before this), on a
// port of their own, with the test database that scripts/test-all.ts (or with-test-db.ts)
// prepared and passed in DATABASE_URL. Never the demo database.
const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  // Two cores: the app server and one browser per worker share them.
  workers: process.env.CI ? 2 : 2,
  fullyParallel: true,
  retries: 0,
  // Generous, because CI's two cores also run the server, PostgreSQL and two browsers: there every
  // step of a spec has taken 2-5 s, and a spec of twenty steps ran out of a minute. Speed is the
  // benchmarks' business (npm run bench), never a test's.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // scripts/test-all.ts asks for a JSON report (to count the tests) by naming its file.
  // Two runs on one machine must not share (and delete) each other's traces.
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results",
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // A failed test keeps its trace: each action with the page's DOM before and after, network and
    // console. Without the screencast: recording it doubled the suite's CPU (three specs, one worker:
    // 105 s and 60 s of CPU with it, 68 s and 27 s without); the failure screenshot stays.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's chromium: these machines cannot download Playwright's own browser build.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `http://localhost:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
