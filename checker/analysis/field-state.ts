import { HyperLogLog } from './hyperloglog.js';
import { NumericSketch } from './quantile-sketch.js';
import { TopValues } from './top-values.js';
import type { FormatTest } from './format-tests.js';

/** Hit counts of one probed format over a field's strings; a format is dropped at its first miss. */
export interface FormatCounter {
  readonly name: string;
  readonly test: FormatTest;
  tested: number;
  matched: number;
}

/**
 * Running statistics of one field path. Plain counters on a class with a fixed shape, so the
 * per-value work in the profiler stays monomorphic and allocation-free.
 */
export class FieldState {
  present = 0;
  nulls = 0;
  strings = 0;
  integers = 0;
  numbers = 0;
  booleans = 0;
  objects = 0;
  arrays = 0;
  nonEmptyArrays = 0;
  /** Scalars added to the distinct sketch. */
  hashed = 0;
  minLength = Infinity;
  maxLength = -1;
  epochSeconds = 0;
  epochMillis = 0;
  readonly distinct = new HyperLogLog();
  numeric: NumericSketch | undefined = undefined;
  /** Undefined for pii fields, and once the field proved not categorical. */
  top: TopValues | undefined;
  formats: FormatCounter[];
  /**
   * The format the contract declares here, when the validator checks it: its hits are the strings
   * minus the validator's format failures, so no string is tested twice.
   */
  declaredFormat: string | undefined = undefined;
  /** Children by name, and the children in the order the last object listed them (a fast path for same-shaped records). */
  readonly children = new Map<string, FieldState>();
  readonly order: FieldState[] = [];
  items: FieldState | undefined = undefined;
  /** False once a child could not be tracked (field cap or depth), so the observed object stays open. */
  complete = true;

  constructor(
    readonly name: string,
    readonly field: string,
    readonly declared: boolean,
    readonly pii: boolean,
    /** Integers here are checked for epoch timestamps (the field is declared as a date). */
    readonly dateDeclared: boolean,
    formats: FormatCounter[],
    /** The parent's state, or undefined at the record's root. */
    readonly parent: FieldState | undefined,
    /** True when this state holds the items of the parent array. */
    readonly isItems: boolean,
  ) {
    this.top = pii ? undefined : new TopValues();
    this.formats = formats;
  }

  numericSketch(): NumericSketch {
    if (this.numeric === undefined) this.numeric = new NumericSketch();
    return this.numeric;
  }
}
