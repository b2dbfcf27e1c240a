import type { ScriptedReply } from "./stand-in-types";

/** First-in first-out queue of scripted replies; a reply with `times: n` answers n requests. */
export class ReplyQueue {
  private readonly queue: { script: ScriptedReply; remaining: number }[] = [];

  /** Queue a reply; `times` below 1 is treated as 1. */
  push(script: ScriptedReply): void {
    this.queue.push({ script, remaining: Math.max(1, Math.floor(script.times ?? 1)) });
  }

  /** The reply for the next request, or an empty script (the default reply) when nothing is queued. */
  take(): ScriptedReply {
    const head = this.queue[0];
    if (head === undefined) return {};
    head.remaining -= 1;
    if (head.remaining === 0) this.queue.shift();
    return head.script;
  }

  /** Drop every queued reply. */
  clear(): void {
    this.queue.length = 0;
  }
}

/** How many words of the last user message the default reply quotes. */
const QUOTED_WORDS = 12;

/**
 * The text answered when a script gives none: `Stand-in reply to: <the first 12 words of the last
 * user message, whitespace collapsed>`, or `Stand-in reply.` when there is no user text.
 */
export function defaultReplyText(lastUserText: string): string {
  const words = lastUserText.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return "Stand-in reply.";
  return `Stand-in reply to: ${words.slice(0, QUOTED_WORDS).join(" ")}`;
}
