import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { ConfigurationError } from "../errors";

/** The variables of one `.env` file, as parsed. */
export interface DotenvFile {
  /** Absolute path of the file (whether or not it exists). */
  path: string;
  /** Its variables; empty when there is no file. */
  values: Readonly<Record<string, string>>;
}

/** Parsed files by path: each `.env` is read once per process (until {@link clearDotenvCache}). */
const parsedFiles = new Map<string, DotenvFile>();

/**
 * Reads the `.env` file of the working directory with dotenv's parser. Nothing is written to
 * `process.env`, and nothing is read at import.
 *
 * @param directory - where to look; `process.cwd()` by default.
 * @returns the file's path and variables (none when there is no file).
 * @throws ConfigurationError when the file exists but cannot be read.
 */
export function readDotenvFile(directory: string = process.cwd()): DotenvFile {
  const path = join(directory, ".env");
  const cached = parsedFiles.get(path);
  if (cached !== undefined) return cached;
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") {
      throw new ConfigurationError(`Could not read ${path} (${String(code)}): make it a readable file or remove it.`, {
        cause: error,
      });
    }
  }
  const file: DotenvFile = { path, values: parse(text) };
  parsedFiles.set(path, file);
  return file;
}

/** Forgets every parsed `.env` file, so the next {@link readDotenvFile} reads from disk again. */
export function clearDotenvCache(): void {
  parsedFiles.clear();
}
