import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RegistryClient } from '../../registry/client/index.js';
import { metricName } from '../tool-inputs.js';
import { guarded, jsonResult, READ_ONLY } from '../tool-result.js';

/** Registers `explain_metric`: the registry's one definition of a metric name, who owns it and who uses it. */
export function registerMetricTool(server: McpServer, client: RegistryClient): void {
  server.registerTool(
    'explain_metric',
    {
      title: 'Explain a metric',
      description:
        'What a business metric such as net_revenue means: its one definition (expression, filter, aggregation, unit, grain), ' +
        'the contract and person that own it, and the contracts that use it. Metric names are registry-wide.',
      inputSchema: { name: metricName },
      annotations: READ_ONLY,
    },
    ({ name }) =>
      guarded(async () => {
        const metric = await client.getMetric(name);
        return jsonResult({
          name: metric.name,
          definition: metric.definition,
          owner: metric.owner,
          contract: metric.contract,
          version: metric.version,
          usedBy: metric.usedBy,
          alsoDefinedBy: metric.alsoDefinedBy,
          conflicts:
            `Metric names are registry-wide: the registry refuses to publish a metric named ${metric.name} whose meaning ` +
            `(type, aggregation, expression, filter, unit, grain, window) differs from this one. Other contracts reuse it ` +
            `with references: ${metric.contract}#${metric.name}, or define it identically.`,
        });
      }),
  );
}
