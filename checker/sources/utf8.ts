import { isUtf8 } from 'node:buffer';

/** Length of the UTF-8 sequence a lead byte starts, or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether `bytes[at]` is a valid second byte after `lead` (the overlong and surrogate rules of RFC 3629). */
function validSecond(lead: number, byte: number): boolean {
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return byte >= 0x80 && byte <= 0xbf;
}

/**
 * Offset of the first byte of `bytes` that is not part of valid UTF-8, or -1 when all of it is
 * valid. A sequence cut off by the end of `bytes` counts as invalid: callers pass whole lines or
 * records. The common valid case is one native `isUtf8` call.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = sequenceLength(lead);
    if (length === 0) return i;
    if (length > 1) {
      if (i + length > bytes.length || !validSecond(lead, bytes[i + 1]!)) return i;
      for (let k = 2; k < length; k += 1) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * Bytes of a stream's beginning looked at to tell text from binary before anything is parsed:
 * 64 KiB is one read of a file stream, and far more than any text format needs to show that it is
 * text, while a binary file (an image, a zip, a database page) shows NUL bytes or broken UTF-8
 * long before.
 */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Share of a stream's first bytes that may be undecodable or control characters while the stream
 * still counts as text: one bad byte in ten. A text feed with a few wrongly encoded values (a
 * Latin-1 name, a stray byte) stays far below and is read, each bad record counted; a binary file
 * is mostly such bytes.
 */
export const MAX_BINARY_SHARE = 0.1;

/** Control characters other than tab, line feed, form feed and carriage return: never in JSON or CSV text. */
function isControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f;
}

/**
 * Why `head` (the first bytes of a stream) cannot be text in a UTF-8 format, or undefined when it
 * can: a NUL byte (binary data, or UTF-16 text), or more than MAX_BINARY_SHARE of its bytes
 * undecodable or control characters. A sequence cut off at the end of `head` is not held against it.
 */
export function notTextReason(head: Uint8Array): string | undefined {
  if (head.length === 0) return undefined;
  const nul = head.indexOf(0);
  if (nul !== -1) return `it holds a NUL byte at byte offset ${nul} (binary data, or text not encoded as UTF-8)`;
  let bad = 0;
  let i = 0;
  while (i < head.length) {
    const lead = head[i]!;
    const length = sequenceLength(lead);
    if (length === 1) {
      if (isControl(lead)) bad += 1;
      i += 1;
      continue;
    }
    if (length > 1 && i + length > head.length) break;
    let valid = length > 1 && validSecond(lead, head[i + 1]!);
    for (let k = 2; valid && k < length; k += 1) valid = (head[i + k]! & 0xc0) === 0x80;
    if (valid) i += length;
    else {
      bad += 1;
      i += 1;
    }
  }
  const share = bad / head.length;
  return share > MAX_BINARY_SHARE ? `${Math.round(share * 100)}% of its first ${head.length} bytes are not UTF-8 text` : undefined;
}

/** Start of a UTF-8 sequence cut off by the end of `bytes` (its last 1-3 bytes), or `bytes.length` when none is. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back += 1) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = sequenceLength(byte);
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * A strict streaming UTF-8 decoder: `write` decodes one chunk (holding back a sequence the chunk
 * cuts off) and `end` the rest; either throws InvalidUtf8 with the stream's byte offset of the
 * first bad byte (and the text decoded before it), where a lenient decoder would put U+FFFD and go on.
 */
export class StrictUtf8Decoder {
  private carry: Buffer = Buffer.alloc(0);
  /** Bytes decoded so far, before `carry`. */
  private offset = 0;
  /** Line feeds decoded so far. */
  private newlines = 0;

  write(chunk: Uint8Array): string {
    const bytes = this.carry.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length) : Buffer.concat([this.carry, chunk]);
    const split = incompleteTail(bytes);
    return this.decode(bytes.subarray(0, split), bytes.subarray(split));
  }

  end(): string {
    return this.decode(this.carry, Buffer.alloc(0));
  }

  private decode(whole: Buffer, rest: Buffer): string {
    const invalid = invalidUtf8Offset(whole);
    if (invalid !== -1) {
      const before = whole.subarray(0, invalid);
      throw new InvalidUtf8(this.offset + invalid, this.newlines + countNewlines(before) + 1, before.toString('utf8'));
    }
    this.offset += whole.length;
    this.newlines += countNewlines(whole);
    this.carry = Buffer.from(rest);
    return whole.toString('utf8');
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count += 1;
  return count;
}

/** Bytes that are not UTF-8, at `offset` from the start of the stream, on 1-based `line`; `before` is the chunk's text up to them. */
export class InvalidUtf8 extends Error {
  constructor(
    readonly offset: number,
    readonly line: number,
    readonly before: string,
  ) {
    super(`invalid UTF-8 at byte offset ${offset} (line ${line})`);
  }
}
