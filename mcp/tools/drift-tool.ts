import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SEVERITY_RANK } from '../../contracts/index.js';
import type { Severity } from '../../contracts/index.js';
import type { CheckReport, RegistryClient, RunInfo } from '../../registry/client/index.js';
import type { CheckFinding } from '../../vocabulary/index.js';
import { MAX_TOP_FINDINGS } from '../limits.js';
import { contractId } from '../tool-inputs.js';
import { guarded, jsonResult, READ_ONLY } from '../tool-result.js';

/** A finding as drift_status reports it: what and where, never the values behind it. */
interface TopFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly path: string;
  readonly field?: string;
  readonly message: string;
}

function brief(finding: CheckFinding): TopFinding {
  return { rule: finding.rule, severity: finding.severity, path: finding.path, ...(finding.field === undefined ? {} : { field: finding.field }), message: finding.message };
}

/**
 * The most severe findings of a stored check report: drift findings first (they state each fact
 * once), then the violation groups behind them; stable within a severity. Examples, counted values
 * and before/after are left out, so nothing from the feed's records reaches the model.
 */
export function topFindings(report: CheckReport, limit: number = MAX_TOP_FINDINGS): TopFinding[] {
  const all = [...report.drift, ...report.violations].map(brief);
  return all.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]).slice(0, limit);
}

async function sourceStatus(client: RegistryClient, run: RunInfo): Promise<Readonly<Record<string, unknown>>> {
  const detail = await client.getRun(run.contract, run.id);
  return {
    source: run.source,
    verdict: run.verdict,
    version: run.version,
    checkedAt: run.startedAt,
    recordsRead: run.read,
    recordsSampled: run.sampled,
    violations: run.violations,
    drift: run.drift,
    topFindings: topFindings(detail.report),
  };
}

/** Registers `drift_status`: the latest verdict per source of a contract, from the registry's run history. */
export function registerDriftTool(server: McpServer, client: RegistryClient): void {
  server.registerTool(
    'drift_status',
    {
      title: 'Drift status of a contract',
      description:
        `Whether the real feeds of a contract still match it: for each source, the verdict of its latest check (pass, warn, breaking), ` +
        `when it ran, and its ${MAX_TOP_FINDINGS} most severe findings. Empty when no check has been recorded.`,
      inputSchema: { id: contractId },
      annotations: READ_ONLY,
    },
    ({ id }) =>
      guarded(async () => {
        const contract = await client.getContract(id);
        const latest = await client.latestVerdicts(contract.contract);
        const sources = await Promise.all(latest.items.map((run) => sourceStatus(client, run)));
        return jsonResult({ id: contract.contract, sources });
      }),
  );
}
