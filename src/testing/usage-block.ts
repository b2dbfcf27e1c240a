import type { ScriptedReply } from "./stand-in-types";

/**
 * The usage block to send in place of the computed counts, as the script asks (`usageBlock`):
 * `undefined` to leave the field out, `{}`, `null`, or the counts themselves.
 */
export function usageBlockOf<T>(script: ScriptedReply, usage: T): T | Record<string, never> | null | undefined {
  switch (script.usageBlock) {
    case "absent":
      return undefined;
    case "empty":
      return {};
    case "null":
      return null;
    default:
      return usage;
  }
}
