import { extname } from 'node:path';
import { ConcordError, isConcordError } from '../errors.js';
import { MAX_DOCUMENT_BYTES, MAX_YAML_BYTES } from './limits.js';
import { parseJson } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';
import type { SourcePosition } from './source-positions.js';

export type TextFormat = 'yaml' | 'json';

export interface ParseTextOptions {
  /** Named in errors and used to pick the format by extension. */
  readonly file?: string;
  /** Overrides the choice by extension or content. */
  readonly format?: TextFormat;
}

/** A parsed document: a fresh tree of plain JSON values, and where each value came from. */
export interface ParsedText {
  readonly value: unknown;
  readonly format: TextFormat;
  readonly file?: string;
  /** 1-based line and column of the value at a JSON pointer, or of its nearest existing ancestor. */
  locate(pointer: string): SourcePosition | undefined;
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, TextFormat>> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

function formatOf(file: string | undefined): TextFormat | undefined {
  return file === undefined ? undefined : FORMAT_BY_EXTENSION[extname(file).toLowerCase()];
}

/** Strict JSON first when the text looks like JSON, so JSON bodies get JSON error messages. */
function parseSniffed(text: string, file: string | undefined): { value: unknown; locate: ParsedText['locate']; format: TextFormat } {
  if (!/^\s*[[{]/.test(text)) return { ...parseYaml(text, file), format: 'yaml' };
  try {
    return { ...parseJson(text, file), format: 'json' };
  } catch (jsonError) {
    if (!isConcordError(jsonError) || jsonError.code !== 'unreadable-input' || text.length > MAX_YAML_BYTES) throw jsonError;
    try {
      // YAML flow style (`{contract: x}`) also starts with a brace.
      return { ...parseYaml(text, file), format: 'yaml' };
    } catch (yamlError) {
      if (isConcordError(yamlError) && yamlError.code === 'unreadable-input') throw jsonError;
      throw yamlError;
    }
  }
}

/**
 * Parses a contract or schema document. The format is `options.format`, else the file extension
 * (`.json`, `.yaml`, `.yml`), else sniffed: text starting with `{` or `[` is tried as strict JSON
 * and then as YAML, anything else is YAML (1.2 core schema). Throws ConcordError
 * `unreadable-input` for syntax errors (with file, line and column) and `too-large` for text over
 * `MAX_DOCUMENT_BYTES` (`MAX_YAML_BYTES` for YAML) or nesting, alias or value counts over their limits.
 */
export function parseText(text: string, options: ParseTextOptions = {}): ParsedText {
  const { file } = options;
  const fileDetail = file !== undefined ? { file } : {};
  if (text.length > MAX_DOCUMENT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    throw new ConcordError('too-large', `the document is larger than ${MAX_DOCUMENT_BYTES} bytes: split the schema into files referenced with $ref`, fileDetail);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const format = options.format ?? formatOf(file);
  const parsed =
    format === 'json'
      ? { ...parseJson(body, file), format }
      : format === 'yaml'
        ? { ...parseYaml(body, file), format }
        : parseSniffed(body, file);
  return { value: parsed.value, format: parsed.format, ...fileDetail, locate: parsed.locate };
}
