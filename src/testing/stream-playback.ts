import type { HttpExchange, ResponseHeaders } from "./http-exchange";
import type { ScriptedReply, ScriptedStreamException } from "./stand-in-types";

/**
 * One frame of a streamed response. `content` frames (text or tool-input deltas) are the chunks
 * that `cutAfterChunks` and `streamException.afterChunks` count; faults also fire at the first
 * `closing` frame (finish, usage) when the stream has fewer content chunks; `other` frames pass.
 * A stall (`stallAfterChunks`) holds the response open, unended, until the client goes away.
 */
export interface StreamFrame {
  kind: "content" | "closing" | "other";
  data: string | Uint8Array;
}

/** How a provider encodes the frames a fault sends. */
export interface FaultFrames {
  exception(exception: ScriptedStreamException): string | Uint8Array;
  corrupt(): string | Uint8Array;
}

/** Which fault, if any, fires before the next frame, given the content chunks sent so far. */
function dueFault(script: ScriptedReply, sent: number): "cut" | "stall" | "exception" | "corrupt" | undefined {
  if (script.cutAfterChunks !== undefined && sent >= script.cutAfterChunks) return "cut";
  if (script.stallAfterChunks !== undefined && sent >= script.stallAfterChunks) return "stall";
  if (script.streamException !== undefined && sent >= (script.streamException.afterChunks ?? 0)) return "exception";
  if (script.malformed === true) return "corrupt";
  return undefined;
}

/** Sends 200 with `headers`, writes the frames in order applying the script's stream faults, and ends (or cuts) the response. */
export async function playStream(
  exchange: HttpExchange,
  headers: ResponseHeaders,
  frames: readonly StreamFrame[],
  script: ScriptedReply,
  faults: FaultFrames,
): Promise<void> {
  exchange.start(200, headers, script.cutAfterChunks !== undefined);
  let sent = 0;
  for (const frame of frames) {
    const fault = frame.kind === "other" ? undefined : dueFault(script, frame.kind === "closing" ? Infinity : sent);
    if (fault === "cut") return exchange.cut();
    if (fault === "stall") return exchange.untilClosed();
    if (fault !== undefined) {
      const exception = script.streamException;
      await exchange.write(fault === "exception" && exception !== undefined ? faults.exception(exception) : faults.corrupt());
      return exchange.end();
    }
    if (frame.kind === "content") sent += 1;
    await exchange.write(frame.data);
  }
  exchange.end();
}
