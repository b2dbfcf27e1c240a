import type { Config } from "jest";
import base from "./jest.config";

/**
 * The tests `npm run mutate` runs against each mutant of src/pricing, src/tracking and src/tokens:
 * every suite that prices, counts or records calls (no Chroma server, so no global setup), without
 * coverage thresholds.
 */
const config: Config = {
  ...base,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["<rootDir>/__tests__/{pricing,tracking,tokens,providers,factory,reliability}/**/*.test.ts"],
  globalSetup: undefined,
  globalTeardown: undefined,
  coverageThreshold: undefined,
  collectCoverageFrom: undefined,
};

export default config;
