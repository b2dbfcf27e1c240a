import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clearDotenvCache, readDotenvFile } from "../../src/secrets/dotenv-source";

describe("readDotenvFile", () => {
  let dir = "";
  beforeEach(() => {
    clearDotenvCache();
    dir = mkdtempSync(join(tmpdir(), "dotenv-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    clearDotenvCache();
  });

  it("parses the file with dotenv's parser and leaves process.env alone", () => {
    writeFileSync(join(dir, ".env"), 'A=1\nexport B="two words"\n# C=3\nD=\'op://v/i/f\'\n');
    expect(readDotenvFile(dir)).toEqual({ path: join(dir, ".env"), values: { A: "1", B: "two words", D: "op://v/i/f" } });
    expect(process.env.A).toBeUndefined();
    expect(process.env.B).toBeUndefined();
  });

  it("gives no variables when there is no file", () => {
    expect(readDotenvFile(dir)).toEqual({ path: join(dir, ".env"), values: {} });
  });

  it("reads each file once until the cache is cleared", () => {
    writeFileSync(join(dir, ".env"), "A=1\n");
    expect(readDotenvFile(dir).values).toEqual({ A: "1" });
    writeFileSync(join(dir, ".env"), "A=2\n");
    expect(readDotenvFile(dir).values).toEqual({ A: "1" });
    clearDotenvCache();
    expect(readDotenvFile(dir).values).toEqual({ A: "2" });
  });
});
