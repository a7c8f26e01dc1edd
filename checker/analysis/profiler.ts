import type { FieldInfo } from '../../contracts/index.js';
import type { ApproximateFigure, FieldProfile } from '../model.js';
import { FieldState, type FormatCounter } from './field-state.js';
import { DATE_FORMATS, EPOCH_MILLIS, EPOCH_SECONDS, formatTest, isEpochMillis, isEpochSeconds, PROBED_FORMATS } from './format-tests.js';
import { QUANTILE_SAMPLE_SIZE } from './quantile-sketch.js';
import { MAX_TOP_VALUE_LENGTH } from './top-values.js';
import { hashBoolean, hashNumber, hashString } from './value-hash.js';

/**
 * Field paths profiled per run. Real records have tens to a few hundred fields; generated ones a
 * few thousand at most. Each path costs about 4 KiB of sketches (40 KiB with numeric quantiles),
 * so this bounds a feed that invents field names (ids as keys) to tens of megabytes.
 */
export const MAX_PROFILED_FIELDS = 2_000;

/** Nesting depth profiled: far beyond real records, and it keeps a hostile record from recursing deep. */
export const MAX_PROFILE_DEPTH = 32;

/** Walks each record once and keeps per-field statistics. */
export class Profiler {
  private readonly root: FieldState;
  private fields = 0;
  /** Values left unprofiled: met at a new field path past MAX_PROFILED_FIELDS, or nested past MAX_PROFILE_DEPTH. */
  untracked = 0;

  constructor(
    private readonly declared: ReadonlyMap<string, FieldInfo>,
    private readonly isPii: (field: string) => boolean,
  ) {
    this.root = new FieldState('', '', true, false, false, [], undefined, false);
  }

  get records(): number {
    return this.root.present;
  }

  /** The record's root state: its counters say how many records were objects. */
  get rootState(): FieldState {
    return this.root;
  }

  add(record: unknown): void {
    this.visit(this.root, record, 0);
  }

  private visit(state: FieldState, value: unknown, depth: number): void {
    state.present += 1;
    switch (typeof value) {
      case 'string':
        this.addString(state, value);
        return;
      case 'number':
        this.addNumber(state, value);
        return;
      case 'boolean':
        state.booleans += 1;
        state.hashed += 1;
        state.distinct.add(hashBoolean(value));
        if (state.top !== undefined) this.addTop(state, value);
        return;
      case 'object':
        if (value === null) {
          state.nulls += 1;
          return;
        }
        if (Array.isArray(value)) this.addArray(state, value, depth);
        else this.addObject(state, value as Readonly<Record<string, unknown>>, depth);
        return;
      default:
        return;
    }
  }

  private addString(state: FieldState, value: string): void {
    state.strings += 1;
    state.hashed += 1;
    state.distinct.add(hashString(value));
    const length = value.length;
    if (length < state.minLength) state.minLength = length;
    if (length > state.maxLength) state.maxLength = length;
    const formats = state.formats;
    for (let i = 0; i < formats.length; i += 1) {
      const counter = formats[i]!;
      counter.tested += 1;
      if (counter.test(value)) counter.matched += 1;
      else {
        formats.splice(i, 1);
        i -= 1;
      }
    }
    if (state.top !== undefined && length <= MAX_TOP_VALUE_LENGTH) this.addTop(state, value);
  }

  private addNumber(state: FieldState, value: number): void {
    if (Number.isInteger(value)) {
      state.integers += 1;
      if (state.dateDeclared) {
        if (isEpochSeconds(value)) state.epochSeconds += 1;
        else if (isEpochMillis(value)) state.epochMillis += 1;
      }
    } else state.numbers += 1;
    state.hashed += 1;
    state.distinct.add(hashNumber(value));
    state.numericSketch().add(value);
    if (state.top !== undefined) this.addTop(state, value);
  }

  private addTop(state: FieldState, value: string | number | boolean): void {
    const top = state.top!;
    top.add(value);
    if (!top.tracking) state.top = undefined;
  }

  private addArray(state: FieldState, value: readonly unknown[], depth: number): void {
    state.arrays += 1;
    if (value.length === 0) return;
    state.nonEmptyArrays += 1;
    if (depth >= MAX_PROFILE_DEPTH) {
      state.complete = false;
      this.untracked += 1;
      return;
    }
    const items = state.items ?? (state.items = this.create(state, '', `${state.field}[]`, true));
    if (items === undefined) return;
    for (let i = 0; i < value.length; i += 1) this.visit(items, value[i], depth + 1);
  }

  private addObject(state: FieldState, value: Readonly<Record<string, unknown>>, depth: number): void {
    state.objects += 1;
    if (depth >= MAX_PROFILE_DEPTH) {
      state.complete = false;
      this.untracked += 1;
      return;
    }
    const order = state.order;
    let position = 0;
    for (const key in value) {
      let child = order[position];
      if (child === undefined || child.name !== key) {
        child = state.children.get(key) ?? this.create(state, key, state.field === '' ? key : `${state.field}.${key}`, false);
        if (child !== undefined) order[position] = child;
      }
      if (child !== undefined) this.visit(child, value[key], depth + 1);
      position += 1;
    }
  }

  private create(parent: FieldState, name: string, field: string, isItems: boolean): FieldState | undefined {
    if (this.fields >= MAX_PROFILED_FIELDS) {
      parent.complete = false;
      this.untracked += 1;
      return undefined;
    }
    this.fields += 1;
    const info = this.declared.get(field);
    const declaredFormat = info?.format;
    const formats: FormatCounter[] = [];
    const validated = declaredFormat !== undefined && formatTest(declaredFormat) !== undefined;
    if (!validated) {
      for (const name of PROBED_FORMATS) formats.push({ name, test: formatTest(name)!, tested: 0, matched: 0 });
    }
    const pii = this.isPii(field);
    const state = new FieldState(name, field, info !== undefined, pii, declaredFormat !== undefined && DATE_FORMATS.has(declaredFormat), formats, parent, isItems);
    if (validated) state.declaredFormat = declaredFormat;
    if (!isItems) parent.children.set(name, state);
    return state;
  }

  /** Objects (by field, `''` for the record) some of whose fields were not profiled. */
  incompleteFields(): Set<string> {
    const open = new Set<string>();
    const walk = (state: FieldState): void => {
      if (!state.complete) open.add(state.field);
      for (const child of state.children.values()) walk(child);
      if (state.items !== undefined) walk(state.items);
    };
    walk(this.root);
    return open;
  }

  /**
   * One profile per field path: every field seen (in first-seen order), then declared fields never
   * seen. `formatFailures(field)` says how many strings of a field failed its declared format in
   * validation (default none).
   */
  profiles(formatFailures: (field: string) => number = () => 0): FieldProfile[] {
    const result: FieldProfile[] = [];
    const seen = new Set<string>();
    const walk = (state: FieldState): void => {
      for (const child of state.children.values()) {
        result.push(profileOf(child, formatFailures));
        seen.add(child.field);
        walk(child);
      }
      if (state.items !== undefined) {
        result.push(profileOf(state.items, formatFailures));
        seen.add(state.items.field);
        walk(state.items);
      }
    };
    walk(this.root);
    for (const field of this.declared.keys()) {
      if (!seen.has(field)) result.push(absentProfile(field));
    }
    return result;
  }
}

function rate(count: number, of: number): number {
  return of === 0 ? 0 : count / of;
}

function typeCounts(state: FieldState): Record<string, number> {
  const types: Record<string, number> = {};
  const put = (name: string, count: number): void => {
    if (count > 0) types[name] = count;
  };
  put('string', state.strings);
  put('integer', state.integers);
  put('number', state.numbers);
  put('boolean', state.booleans);
  put('object', state.objects);
  put('array', state.arrays);
  put('null', state.nulls);
  return types;
}

function formatCounts(state: FieldState, formatFailures: (field: string) => number): Record<string, { tested: number; matched: number }> | undefined {
  const formats: Record<string, { tested: number; matched: number }> = {};
  if (state.declaredFormat !== undefined && state.strings > 0) {
    formats[state.declaredFormat] = { tested: state.strings, matched: Math.max(0, state.strings - formatFailures(state.field)) };
  }
  for (const counter of state.formats) {
    if (counter.tested > 0) formats[counter.name] = { tested: counter.tested, matched: counter.matched };
  }
  if (state.dateDeclared && state.integers > 0) {
    formats[EPOCH_SECONDS] = { tested: state.integers, matched: state.epochSeconds };
    formats[EPOCH_MILLIS] = { tested: state.integers, matched: state.epochMillis };
  }
  return Object.keys(formats).length > 0 ? formats : undefined;
}

function profileOf(state: FieldState, formatFailures: (field: string) => number): FieldProfile {
  const parent = state.parent!;
  const presenceRate = state.isItems ? rate(parent.nonEmptyArrays, parent.arrays) : rate(state.present, parent.objects);
  const numeric = state.numeric;
  const formats = formatCounts(state, formatFailures);
  const scalar = state.strings + state.integers + state.numbers + state.booleans > 0;
  // One value is counted exactly whatever the sketch; more are an estimate. Quantiles are exact while the sample holds every value.
  const approximate: ApproximateFigure[] = [
    ...(state.hashed > 1 ? (['distinct'] as const) : []),
    ...(numeric !== undefined && numeric.count > QUANTILE_SAMPLE_SIZE ? (['quantiles'] as const) : []),
  ];
  return {
    field: state.field,
    declared: state.declared,
    present: state.present,
    presenceRate,
    nulls: state.nulls,
    nullRate: rate(state.nulls, state.present),
    types: typeCounts(state),
    distinct: state.hashed === 0 ? 0 : Math.min(state.distinct.estimate(), state.hashed),
    ...(approximate.length > 0 ? { approximate } : {}),
    ...(numeric !== undefined
      ? { numeric: { min: numeric.min, max: numeric.max, mean: numeric.sum / numeric.count, quantiles: numeric.quantiles() } }
      : {}),
    ...(state.strings > 0 ? { stringLength: { min: state.minLength, max: state.maxLength } } : {}),
    ...(formats !== undefined ? { formats } : {}),
    ...(scalar ? { top: state.top?.top() ?? [] } : {}),
  };
}

function absentProfile(field: string): FieldProfile {
  return { field, declared: true, present: 0, presenceRate: 0, nulls: 0, nullRate: 0, types: {}, distinct: 0 };
}
