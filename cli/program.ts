import { Command } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerBaseline } from './commands/baseline.js';
import { registerChangelog } from './commands/changelog.js';
import { registerCheck } from './commands/check.js';
import { registerConsumers } from './commands/consumers.js';
import { registerContractAdmin } from './commands/contract-admin.js';
import { registerContracts } from './commands/contracts.js';
import { registerDiff } from './commands/diff.js';
import { registerGate } from './commands/gate.js';
import { registerJobs } from './commands/jobs.js';
import { registerLint } from './commands/lint.js';
import { registerMcp } from './commands/mcp.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPin } from './commands/pin.js';
import { registerPublish } from './commands/publish.js';
import { registerResolve } from './commands/resolve.js';
import { registerRules } from './commands/rules.js';
import { registerRuns } from './commands/runs.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerVersions } from './commands/versions.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
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
  registerContracts(program);
  registerContractAdmin(program);
  registerPin(program);
  registerConsumers(program);
  registerResolve(program);
  registerVersions(program);
  registerChangelog(program);
  registerToken(program);
  registerAudit(program);
  registerMigrate(program);
  registerServe(program);
  registerMcp(program);
  registerJobs(program);
  registerCheck(program);
  registerGate(program);
  registerRuns(program);
  registerBaseline(program);
  program.addHelpText('after', EXIT_CODES_HELP);
  forEachCommand(program.commands, (command) => command.exitOverride().showHelpAfterError('(run with --help for usage)').addHelpText('after', EXIT_CODES_HELP));
  return program;
}

/** Every command below `commands`, subcommands (`token create`) included. */
function forEachCommand(commands: readonly Command[], visit: (command: Command) => void): void {
  for (const command of commands) {
    visit(command);
    forEachCommand(command.commands, visit);
  }
}
