/**
 * A dispatcher in a process of its own, for the outbox race test: `node --import tsx
 * dispatch-outbox.ts <outbox dir>` prints `ready`, waits for a line on stdin so racing processes
 * start together, drains the outbox to loopback receivers and prints the ids it sent as JSON.
 */
import { createInterface } from 'node:readline';
import { createAlertDispatcher } from '../../../checker/alerts/dispatcher.js';
import { createAlertOutbox } from '../../../checker/alerts/outbox.js';
import { alertAddressPolicy } from '../../../checker/alerts/webhook-url.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: dispatch-outbox.ts <outbox dir>');
const sent: string[] = [];
const dispatcher = createAlertDispatcher({
  outbox: createAlertOutbox({ dir }),
  policy: alertAddressPolicy(true),
  onOutcome: (outcome) => {
    if (outcome.kind === 'delivered') sent.push(outcome.message.delivery.id);
  },
});
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
const pending = await dispatcher.drain(20_000);
process.stdout.write(`${JSON.stringify({ sent, pending })}\n`);
