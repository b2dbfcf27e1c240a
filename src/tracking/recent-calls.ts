/**
 * The most recent items, at most `capacity` of them, oldest first: a ring that overwrites the
 * oldest item once full (`Infinity` keeps everything).
 */
export class RecentCalls<T> {
  private items: T[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  /** Adds an item, dropping the oldest when full. */
  push(item: T): void {
    if (this.capacity === 0) return;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.items.length;
  }

  /** A copy, oldest first. */
  toArray(): T[] {
    return this.start === 0 ? this.items.slice() : [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  /** Forgets every item. */
  clear(): void {
    this.items = [];
    this.start = 0;
  }
}
