import { execFile } from "node:child_process";

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  /** Working directory of the command. */
  cwd?: string;
  /** Extra environment variables, merged over this process's environment. */
  env?: Record<string, string>;
  /** Kill the command after this many milliseconds. Default 5 minutes. */
  timeoutMs?: number;
}

/** How many trailing lines of a failed command's output go into the error message. */
const ERROR_TAIL_LINES = 15;

/**
 * Runs a program (no shell) and resolves with its stdout. On a non-zero exit, a timeout or a
 * missing program it rejects with an Error naming the command and showing the end of its
 * stderr/stdout, with the original error as `cause`.
 */
export function runCommand(file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const output = `${stderr}\n${stdout}`.trim().split("\n").slice(-ERROR_TAIL_LINES).join("\n");
        const command = [file, ...args].join(" ");
        reject(new Error(`Command failed: ${command}\n${error.message.split("\n")[0]}\n${output}`, { cause: error }));
      },
    );
  });
}
