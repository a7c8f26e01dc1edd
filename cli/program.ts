import { Command } from 'commander';
import { registerChangelog } from './commands/changelog.js';
import { registerCheck } from './commands/check.js';
import { registerDiff } from './commands/diff.js';
import { registerGate } from './commands/gate.js';
import { registerJobs } from './commands/jobs.js';
import { registerLint } from './commands/lint.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPin } from './commands/pin.js';
import { registerPublish } from './commands/publish.js';
import { registerResolve } from './commands/resolve.js';
import { registerRules } from './commands/rules.js';
import { registerRuns } from './commands/runs.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerVersions } from './commands/versions.js';
import { packageVersion } from './package-version.js';

/** The `concord` command with every subcommand registered; exits are left to the caller. */
export function buildProgram(): Command {
  const program = new Command('concord')
    .description(
      'Data contracts for data and AI teams: lint contract documents, diff versions, and say which changes break whom.',
    )
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Exit codes:
  0  success (valid / compatible)
  1  findings: lint errors, or breaking changes
  2  could not run: unreadable or invalid input, bad arguments
  3  unexpected internal failure

Examples:
  concord lint contracts/examples/orders.contract.yaml
  concord diff old.contract.yaml new.contract.yaml --mode full --format markdown
  concord rules --format markdown
  concord publish orders.contract.yaml --dry-run --url http://127.0.0.1:8080 --token "$CONCORD_TOKEN"
  concord resolve commerce.orders@^2`,
    );
  registerLint(program);
  registerDiff(program);
  registerRules(program);
  registerPublish(program);
  registerPin(program);
  registerResolve(program);
  registerVersions(program);
  registerChangelog(program);
  registerToken(program);
  registerMigrate(program);
  registerServe(program);
  registerJobs(program);
  registerCheck(program);
  registerGate(program);
  registerRuns(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}
