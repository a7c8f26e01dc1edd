import semver from 'semver';
import type { AddressPolicy } from '../../delivery/index.js';
import type { RegistryClient } from '../../registry/client/index.js';
import type { Alert } from './alert.js';
import { alertAddressPolicy, checkWebhookUrl, formatFor } from './webhook-url.js';
import type { PayloadFormat } from './webhook-url.js';

/** One place an alert is sent, and for whom. */
export interface Recipient {
  readonly url: string;
  readonly format: PayloadFormat;
  /** `owner` or `consumer agents.support-router`: for logs and the outbox. */
  readonly for: string;
}

/** A configured receiver: a URL and, optionally, the format it wants (default: by URL, see formatFor). */
export interface ReceiverConfig {
  readonly url: string;
  readonly format?: PayloadFormat;
}

/** A pin as the registry lists it: a consumer and the range it accepts. */
export interface PinnedConsumer {
  readonly consumer: string;
  readonly range: string;
}

/**
 * The consumers whose pinned range covers `version`: those the alert is about. Prereleases are
 * covered only by ranges that name a prerelease of the same release, as the registry resolves
 * pins (npm's rule): a consumer on `^2` never ingests `2.1.0-rc.1`. Pure.
 */
export function consumersPinnedTo(version: string, pins: readonly PinnedConsumer[]): readonly string[] {
  return pins.filter((pin) => semver.satisfies(version, pin.range)).map((pin) => pin.consumer);
}

/** Turns a configured or registered URL into a recipient, refusing what {@link checkWebhookUrl} refuses under `policy`. */
export function recipientOf(receiver: ReceiverConfig, forWhom: string, policy: AddressPolicy): Recipient {
  const url = checkWebhookUrl(receiver.url, forWhom, policy);
  return { url: url.href, format: receiver.format ?? formatFor(url), for: forWhom };
}

export interface RecipientOptions {
  /** The contract owner's receivers (from the jobs file); default none. */
  readonly owner?: readonly ReceiverConfig[];
  /** Where pinned consumers and their webhooks are read; without one only the owner's receivers get alerts. */
  readonly registry?: Pick<RegistryClient, 'listContractConsumers' | 'getConsumer'>;
  /** Told about a consumer whose registered webhook is refused; it is skipped, the others still get the alert. */
  readonly onSkipped?: (consumer: string, reason: string) => void;
  /** Which receiver addresses are allowed; defaults to public addresses only (`alertAddressPolicy(false)`). */
  readonly policy?: AddressPolicy;
}

/**
 * Who hears an alert: the owner's receivers, then every consumer pinned to a range covering the
 * alert's version that registered a webhook, each URL once. Registry failures are thrown (the
 * caller retries the run's alerting), refused consumer URLs are skipped and reported.
 */
export function createRecipientResolver(options: RecipientOptions): (alert: Alert) => Promise<readonly Recipient[]> {
  const policy = options.policy ?? alertAddressPolicy(false);
  const owner = (options.owner ?? []).map((receiver) => recipientOf(receiver, 'owner', policy));
  return async (alert) => {
    const recipients = [...owner];
    if (options.registry !== undefined) {
      const pins = (await options.registry.listContractConsumers(alert.contract)).items;
      for (const name of consumersPinnedTo(alert.version, pins)) {
        const consumer = await options.registry.getConsumer(name);
        if (consumer.webhook === null) continue;
        try {
          recipients.push(recipientOf({ url: consumer.webhook }, `consumer ${name}`, policy));
        } catch (error) {
          options.onSkipped?.(name, (error as Error).message);
        }
      }
    }
    const seen = new Set<string>();
    return recipients.filter((recipient) => !seen.has(recipient.url) && seen.add(recipient.url));
  };
}
