import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { EXIT_CODE_BY_ERROR } from '../../contracts/errors.js';
import type { ConcordErrorCode } from '../../contracts/errors.js';
import { EXIT_CODES_HELP } from '../../cli/exit-codes.js';
import { buildProgram } from '../../cli/program.js';
import { REPO_ROOT } from './run-cli.js';

/* One exit-code table: in every command's help, in the README, and behind every error code. */

function allCommands(command: Command, path: string[] = []): [string, Command][] {
  return command.commands.flatMap((sub) => [[[...path, sub.name()].join(' '), sub] as [string, Command], ...allCommands(sub, [...path, sub.name()])]);
}

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => void (text += chunk), writeErr: (chunk) => void (text += chunk) });
  command.outputHelp();
  return text;
}

const program = buildProgram();

describe('the exit-code table', () => {
  test('covers the everyday commands', () => {
    const names = allCommands(program).map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining(['contracts', 'show', 'transfer', 'deprecate', 'yank', 'consumers list', 'consumers show', 'consumers remove', 'consumers webhook', 'unpin', 'audit', 'whoami', 'token list', 'token revoke', 'token create']),
    );
  });

  test.each([['concord', program] as [string, Command], ...allCommands(program)])('%s --help ends with the shared table', (_name, command) => {
    expect(helpOf(command).trimEnd().endsWith(EXIT_CODES_HELP.trimEnd())).toBe(true);
  });

  test('the README shows the same table', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`${EXIT_CODES_HELP}\n\`\`\``);
  });

  // Every error code, with the class of the table it belongs to.
  const CLASS_OF: Readonly<Record<ConcordErrorCode, 1 | 2 | 3>> = {
    'breaking-change': 1,
    conflict: 1,
    forbidden: 1,
    unauthorized: 2,
    'not-found': 2,
    'invalid-argument': 2,
    'unreadable-input': 2,
    'invalid-contract': 2,
    'invalid-schema': 2,
    'ref-forbidden': 2,
    'ref-unresolved': 2,
    'too-large': 2,
    'too-complex': 2,
    'invalid-expression': 2,
    'unknown-field': 2,
    'source-unavailable': 2,
    'storage-full': 2,
    busy: 2,
    internal: 3,
  };
  test.each(Object.entries(CLASS_OF))('%s exits %i', (code, exit) => {
    expect(EXIT_CODE_BY_ERROR[code as ConcordErrorCode]).toBe(exit);
  });
});
