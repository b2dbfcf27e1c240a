/** A reply text after its stop sequences were applied. */
export interface StoppedText {
  /** The text up to (not including) the stop sequence that ended it; the whole text when none did. */
  text: string;
  /** The stop sequence that ended the text, if one did. */
  matched?: string;
}

/**
 * Applies stop sequences the way generation meets them: the text ends before the sequence whose
 * last character comes first (the first one the model would complete); of sequences completed at
 * the same character, the longest. Empty sequences are ignored.
 */
export function cutAtStopSequence(text: string, sequences: readonly string[]): StoppedText {
  let best: { start: number; end: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (sequence.length === 0) continue;
    const start = text.indexOf(sequence);
    if (start < 0) continue;
    const end = start + sequence.length;
    if (best === undefined || end < best.end || (end === best.end && start < best.start)) best = { start, end, sequence };
  }
  return best === undefined ? { text } : { text: text.slice(0, best.start), matched: best.sequence };
}
