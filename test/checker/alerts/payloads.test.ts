import { describe, expect, test } from 'vitest';
import { genericPayload, payloadFor, slackPayload } from '../../../checker/alerts/payloads.js';
import { alertFor } from '../../../checker/alerts/transitions.js';
import { alertAddressPolicy, checkWebhookUrl, formatFor } from '../../../checker/alerts/webhook-url.js';
import { checkReport } from '../../registry/http/runs-fixture.js';

const alert = (() => {
  const current = checkReport({ verdict: 'breaking', breakingFields: ['customer<id>&x'] });
  const made = alertFor(checkReport(), current);
  if (made === undefined) throw new Error('expected an alert');
  return made;
})();

describe('alert payloads', () => {
  test('the generic JSON payload is the alert as data under an event name', () => {
    expect(genericPayload(alert)).toEqual({ event: 'concord.check.breaking', alert });
    expect(payloadFor(alert, 'json')).toEqual(genericPayload(alert));
  });

  test('the Slack payload has text and blocks, escapes markup from feeds, and states the verdict change', () => {
    const payload = slackPayload(alert) as { text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
    expect(payload.text).toMatch(/^:rotating_light: commerce\.orders 1\.0\.0 on prod is breaking its contract/);
    expect(payload.text).toContain('customer&lt;id&gt;&amp;x');
    expect(payload.text).not.toContain('<id>');
    expect(payload.blocks.map((block) => block.type)).toEqual(['section', 'section', 'context']);
    expect(payload.blocks[1]?.text?.text).toMatch(/\*breaking\* `customer&lt;id&gt;&amp;x` field-type-changed/);
    expect(payload.blocks[2]?.elements?.[0]?.text).toMatch(/verdict \*breaking\* \(was pass\) · 1 breaking, 0 warning open/);
    expect(payloadFor(alert, 'slack')).toEqual(payload);
  });

  test('a findings block longer than Slack allows in a section is cut with a pointer to the report', () => {
    const current = checkReport({ verdict: 'breaking', breakingFields: Array.from({ length: 20 }, (_, i) => `field_${i}_${'x'.repeat(200)}`) });
    const many = alertFor(checkReport(), current);
    const blocks = (slackPayload(many ?? alert) as { blocks: { text?: { text: string } }[] }).blocks;
    expect(blocks[1]?.text?.text.length).toBeLessThanOrEqual(3_000);
    expect(blocks[1]?.text?.text).toMatch(/see the run report for the rest$/);
  });

  test('a recovery has no findings block', () => {
    const recovered = alertFor(checkReport({ verdict: 'breaking' }), checkReport());
    expect((slackPayload(recovered ?? alert).blocks as unknown[]).length).toBe(2);
  });
});

describe('receiver URLs', () => {
  const publicOnly = alertAddressPolicy(false);
  const privateToo = alertAddressPolicy(true);

  test.each(['file:///etc/passwd', 'ftp://example.com/x', 'javascript:alert(1)', 'gopher://127.0.0.1:25/x', 'not a url', '/relative/hook'])('%s is refused', (url) => {
    expect(() => checkWebhookUrl(url, 'consumer agents.router', publicOnly)).toThrow(/consumer agents\.router is not an http\(s\) URL/);
  });

  test('credentials in the URL are refused without echoing them', () => {
    expect(() => checkWebhookUrl('https://user:s3cret@hooks.example.com/x', 'owner', publicOnly)).toThrow(/has credentials in its URL/);
    expect(() => checkWebhookUrl('https://user:s3cret@hooks.example.com/x', 'owner', publicOnly)).not.toThrow(/s3cret/);
  });

  test.each([
    ['https://hooks.slack.com/services/T/B/X', 'slack'],
    ['http://chat-relay.internal/hook', 'json'],
    ['https://alerts.example.com/slack', 'json'],
  ])('%s is accepted and gets %s payloads', (url, format) => {
    expect(formatFor(checkWebhookUrl(url, 'owner', publicOnly))).toBe(format);
  });

  test.each(['http://127.0.0.1:9000/hook', 'http://10.1.2.3/hook', 'http://[fd00::5]/hook', 'http://100.64.0.9/hook'])(
    '%s is refused by default, naming the jobs file key, and accepted once private receivers are allowed',
    (url) => {
      expect(() => checkWebhookUrl(url, 'owner', publicOnly)).toThrow(
        expect.objectContaining({ code: 'invalid-argument', message: expect.stringMatching(/^alert receiver of owner http:\/\/.*\/… is refused: .*; set alerts\.allow-private: true in the jobs file \(or CONCORD_WEBHOOK_ALLOW_PRIVATE=true\) to allow it$/) }),
      );
      expect(formatFor(checkWebhookUrl(url, 'owner', privateToo))).toBe('json');
    },
  );

  test.each(['http://169.254.169.254/latest/meta-data', 'http://[fe80::1]/x', 'http://0.0.0.0:9/x', 'http://[ff02::1]/x'])('%s is refused even with private receivers allowed', (url) => {
    expect(() => checkWebhookUrl(url, 'consumer agents.router', privateToo)).toThrow(/no option allows it/);
  });
});
