import { Option } from 'commander';
import type { Command } from 'commander';
import { ConcordError } from '../contracts/index.js';
import { MAX_PAGE_SIZE } from '../registry/index.js';
import { parseFormat } from './options.js';

/*
 * What the everyday registry commands share: a text | json --format, paging options for
 * listings, and writing the answer (JSON as the registry sent it, or text for people).
 */

export const TEXT_OR_JSON = ['text', 'json'] as const;

/** Most rows one listing asks for: the registry's own page limit. */
export const MAX_LIST_LIMIT = MAX_PAGE_SIZE;

export interface FormatOptions {
  readonly format: string;
}

export interface PageOptions {
  readonly limit?: string;
  readonly offset?: string;
}

/** Adds `-f, --format text|json` (default text). */
export function addFormatOption(command: Command): Command {
  return command.option('-f, --format <format>', `output format: ${TEXT_OR_JSON.join(' | ')}`, 'text');
}

/** Adds `--limit` and `--offset` to a listing. */
export function addPageOptions(command: Command): Command {
  return command
    .addOption(new Option('--limit <n>', `rows to show, 1 to ${MAX_LIST_LIMIT} (default: 50)`))
    .addOption(new Option('--offset <n>', 'rows to skip, for the next page (default: 0)'));
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConcordError('invalid-argument', `${option} ${text} is not a whole number from ${min} to ${max}: write e.g. ${option} ${Math.max(min, 10)}`);
  }
  return value;
}

/** The page a listing's options ask for; bad numbers are `invalid-argument` naming the option. */
export function pageFrom(options: PageOptions): { readonly limit?: number; readonly offset?: number } {
  return {
    ...(options.limit === undefined ? {} : { limit: wholeNumber(options.limit, '--limit', 1, MAX_LIST_LIMIT) }),
    ...(options.offset === undefined ? {} : { offset: wholeNumber(options.offset, '--offset', 0, Number.MAX_SAFE_INTEGER) }),
  };
}

/** Checks --format first, so a typo fails before any request is sent. */
export function formatFrom(options: FormatOptions): 'text' | 'json' {
  return parseFormat(options.format, TEXT_OR_JSON);
}

/** Writes `value` as JSON, or `render(value)` as text. */
export function writeAnswer<T>(format: 'text' | 'json', value: T, render: (value: T) => string): void {
  process.stdout.write(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : render(value));
}

/** "showing 1-50 of 120; --offset 50 for more", for stderr under a listing that has more pages. */
export function morePages(page: { readonly offset: number; readonly total: number; readonly items: readonly unknown[] }): string {
  const end = page.offset + page.items.length;
  return end >= page.total || page.items.length === 0 ? '' : `showing ${page.offset + 1}-${end} of ${page.total}; --offset ${end} for more\n`;
}

/** A principal as people read it: its name, or its id when it has none. */
export function principalLabel(id: string | null, name: string | null): string {
  return name ?? id ?? 'nobody';
}
