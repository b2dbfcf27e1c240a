import path from "node:path";
import ts from "typescript";
import { ROOT } from "../../scripts/built-package";

/** What compiling a consumer's files found. */
export interface ConsumerTypeCheck {
  /** `<file name>: <message>` per diagnostic; empty when the files compile. */
  problems: string[];
  /** The files of the built package (`dist/…`) the compiler read, relative to the package root. */
  builtDeclarations: string[];
}

/**
 * Type-checks files that import the package by name, as a consumer's would be: strict, Node16
 * module resolution (an `.mts` file reads the `import` types, a `.ts` / `.cts` file in this
 * CommonJS package the `require` types). The files must lie inside the package, so that
 * "@orchestratai/llm/…" resolves to the built package through its exports map.
 */
export function typeCheckConsumer(files: readonly string[]): ConsumerTypeCheck {
  const program = ts.createProgram([...files], {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.basename(d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  const builtDeclarations = program
    .getSourceFiles()
    .map((file) => path.relative(ROOT, file.fileName))
    .filter((file) => file.startsWith("dist"));
  return { problems, builtDeclarations };
}
