/**
 * Builds the bin the way `npm run build` does (the package's tsup configuration), its entry alone,
 * CommonJS (what the bin runs), without declarations, into the folder given as the argument, and
 * prints the entry's source file. Run in a process of its own (`node --import tsx build-cli.ts <outDir>`).
 */
import { build } from "tsup";
import tsupConfig from "../../../tsup.config";

const config = tsupConfig as { entry: Record<string, string> };
void build({ ...config, entry: { cli: config.entry.cli! }, format: ["cjs"], dts: false, sourcemap: false, outDir: process.argv[2]!, silent: true }).then(() => process.stdout.write(config.entry.cli!), (error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
