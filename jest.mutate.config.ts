import type { Config } from "jest";
import base from "./jest.config";

/**
 * The tests `npm run mutate` runs against each mutant of src/pricing, src/tracking and src/tokens:
 * the suites of those three folders (no Chroma server, so no global setup), without coverage
 * thresholds, and without the tracker's million-call memory test (10 s against every mutant of the
 * books, and a runner heap of gigabytes; smaller tests check the same totals). The provider and
 * factory suites kill more mutants but make a run take over three hours on two cores; the score
 * from these suites alone is the lower bound we report.
 */
const config: Config = {
  ...base,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["<rootDir>/__tests__/{pricing,tracking,tokens}/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/tracking/tracker-memory\\.test\\.ts$"],
  globalSetup: undefined,
  globalTeardown: undefined,
  coverageThreshold: undefined,
  collectCoverageFrom: undefined,
};

export default config;
