import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';

/*
 * The baseline for registry-throughput: a bare express app answering the registry's resolve and
 * latest routes with the same JSON the registry sent, held in memory. Run as its own process:
 *   node --import tsx bench/bare-json-server.ts <bodies.json>
 * where bodies.json is { "resolve": <json>, "latest": <json> }. Prints its URL, runs until killed.
 */

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: bare-json-server.ts <bodies.json>\n');
  process.exit(2);
}
const bodies = JSON.parse(readFileSync(file, 'utf8')) as { readonly resolve: unknown; readonly latest: unknown };

const app = express();
app.get('/api/contracts/:id/resolve', (_request, response) => {
  response.json(bodies.resolve);
});
app.get('/api/contracts/:id/versions/:version', (_request, response) => {
  response.json(bodies.latest);
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`bare express listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
