import type { Alert, AlertPayload, IncidentAlert, IncidentPayload, SlackMessage } from '../../vocabulary/index.js';
import type { PayloadFormat } from './webhook-url.js';

/** The `event` of a generic JSON alert: `concord.check.breaking`, `concord.check.recovered`, ... */
export function alertEvent(alert: Alert): string {
  return `concord.check.${alert.kind}`;
}

/** Concord's own JSON alert: `{ event, alert }`, the alert as data for programs. */
export function genericPayload(alert: Alert): AlertPayload {
  return { event: alertEvent(alert), alert };
}

const ICON: Readonly<Record<Alert['kind'], string>> = {
  breaking: ':rotating_light:',
  'new-findings': ':warning:',
  warn: ':warning:',
  recovered: ':white_check_mark:',
  cleared: ':white_check_mark:',
};

/** Slack mrkdwn treats these three as markup; everything from feeds and contracts is escaped. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Slack's limit on a section block's text is 3,000 characters; long lists are cut with a note. */
const SLACK_SECTION_LIMIT = 3_000;

/** A Slack-compatible incoming-webhook message: `text` (notifications, fallbacks) and `blocks`. */
export function slackPayload(alert: Alert): SlackMessage {
  const text = `${ICON[alert.kind]} ${escapeMrkdwn(alert.summary)}`;
  const lines = alert.newFindings.map((finding) => `• *${finding.severity}* \`${escapeMrkdwn(finding.field ?? finding.path)}\` ${escapeMrkdwn(finding.rule)}: ${escapeMrkdwn(finding.message)}`);
  let findings = lines.join('\n');
  if (findings.length > SLACK_SECTION_LIMIT) findings = `${findings.slice(0, SLACK_SECTION_LIMIT - 40)}\n… see the run report for the rest`;
  const context = `verdict *${alert.verdict}*${alert.previousVerdict === null ? '' : ` (was ${alert.previousVerdict})`} · ${alert.open.breaking} breaking, ${alert.open.warning} warning open · source ${escapeMrkdwn(alert.source)} · run ${alert.startedAt}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      ...(findings === '' ? [] : [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: findings } }]),
      { type: 'context', elements: [{ type: 'mrkdwn', text: context }] },
    ],
  };
}

/** The body posted to a receiver of `format`. */
export function payloadFor(alert: Alert, format: PayloadFormat): AlertPayload | SlackMessage {
  return format === 'slack' ? slackPayload(alert) : genericPayload(alert);
}

/** The `event` of a generic JSON incident alert: `concord.job.incident` or `concord.job.recovered`. */
export function incidentEvent(alert: IncidentAlert): IncidentPayload['event'] {
  return `concord.job.${alert.kind}`;
}

const INCIDENT_ICON: Readonly<Record<IncidentAlert['kind'], string>> = {
  incident: ':rotating_light:',
  recovered: ':white_check_mark:',
};

/** A Slack-compatible message for a job incident: the summary, then the job, source, failures and last error. */
export function incidentSlackPayload(alert: IncidentAlert): SlackMessage {
  const text = `${INCIDENT_ICON[alert.kind]} ${escapeMrkdwn(alert.summary)}`;
  const error = `last error \`${escapeMrkdwn(alert.lastError.code)}\` at ${alert.lastError.at}: ${escapeMrkdwn(alert.lastError.message)}`.slice(0, SLACK_SECTION_LIMIT);
  const context = `job *${escapeMrkdwn(alert.job)}* · contract ${escapeMrkdwn(alert.contract)} · source ${escapeMrkdwn(alert.source)} · ${alert.failures} failed attempts since ${alert.since}${alert.recoveredAt === undefined ? '' : ` · ran again ${alert.recoveredAt}`}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'section', text: { type: 'mrkdwn', text: error } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context }] },
    ],
  };
}

/** The body posted to a receiver of `format` for a job incident: `{ event, incident }` as JSON, or a Slack message. */
export function incidentPayloadFor(alert: IncidentAlert, format: PayloadFormat): IncidentPayload | SlackMessage {
  return format === 'slack' ? incidentSlackPayload(alert) : { event: incidentEvent(alert), incident: alert };
}
