/** Values each field tracks for its most frequent ones: 256 counters keep every value of a categorical field with up to 256 distinct values (countries, currencies, statuses) exactly. */
export const TOP_TRACKED_VALUES = 256;

/** Most frequent values a profile reports per field. */
export const MAX_TOP_VALUES = 10;

/** Strings longer than this are never tracked as categorical values: categories are short, and long texts would bloat reports. */
export const MAX_TOP_VALUE_LENGTH = 64;

/**
 * After this many values, a field whose counters keep being swept clean is judged not categorical
 * (ids, free text) and stops tracking: its top values would be noise and tracking costs time.
 */
const CATEGORICAL_PROBE = 1024;

export type TopValue = string | number | boolean;

/**
 * Most frequent values (Misra-Gries): exact counts while there are at most TOP_TRACKED_VALUES
 * distinct values, lower bounds (off by at most n / 257) past that. Sweeps cost O(tracked) once
 * per TOP_TRACKED_VALUES misses, so each value costs O(1) amortized.
 */
export class TopValues {
  private readonly counts = new Map<TopValue, number>();
  private offered = 0;
  private sweeps = 0;
  /** False once the field looked like ids or free text. */
  tracking = true;

  add(value: TopValue): void {
    this.offered += 1;
    const count = this.counts.get(value);
    if (count !== undefined) {
      this.counts.set(value, count + 1);
      return;
    }
    if (this.counts.size < TOP_TRACKED_VALUES) {
      this.counts.set(value, 1);
      return;
    }
    this.sweeps += 1;
    for (const [key, kept] of this.counts) {
      if (kept <= 1) this.counts.delete(key);
      else this.counts.set(key, kept - 1);
    }
    if (this.offered >= CATEGORICAL_PROBE && !this.categorical()) {
      this.tracking = false;
      this.counts.clear();
    }
  }

  /** Each sweep consumes TOP_TRACKED_VALUES + 1 counts: when sweeps ate half the values, most values were new ones, not a category. */
  private categorical(): boolean {
    return this.sweeps * (TOP_TRACKED_VALUES + 1) * 2 <= this.offered;
  }

  /** Up to MAX_TOP_VALUES values, most frequent first (ties in first-seen order); empty when not categorical. */
  top(): { value: TopValue; count: number }[] {
    if (!this.tracking || !this.categorical()) return [];
    return [...this.counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, MAX_TOP_VALUES);
  }
}
