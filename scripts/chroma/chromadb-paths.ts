import path from "node:path";

/** Absolute path of the installed chromadb package's entry (its CommonJS build). */
function chromadbEntry(): string {
  try {
    return require.resolve("chromadb");
  } catch (error) {
    throw new Error('The "chromadb" package is not installed: run `npm ci` (it is a devDependency).', { cause: error });
  }
}

/** The chromadb package's own CLI (`chroma run ...`), `node_modules/chromadb/dist/cli.mjs`. */
export function chromaCliPath(): string {
  return path.resolve(path.dirname(chromadbEntry()), "..", "cli.mjs");
}

/** The `node_modules` folder that holds chromadb (the project's own after `npm ci`). */
export function nodeModulesDir(): string {
  let dir = path.dirname(chromadbEntry());
  while (path.basename(dir) !== "node_modules") {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`chromadb resolved outside a node_modules folder: ${chromadbEntry()}`);
    dir = parent;
  }
  return dir;
}
