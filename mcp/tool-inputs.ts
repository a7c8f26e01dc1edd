import { z } from 'zod';
import { CONSUMER_NAME_PATTERN, CONTRACT_ID_PATTERN, MAX_CONSUMER_NAME_LENGTH, MAX_CONTRACT_ID_LENGTH, MAX_DEFINITION_NAME_LENGTH } from '../contracts/index.js';
import { MAX_REF_LENGTH, MAX_VERSION_LENGTH } from './limits.js';

/*
 * Argument shapes shared by several tools. Each becomes part of the tool's JSON Schema, so a model
 * sees the pattern and the bounds before it calls, and a call outside them is a tool error that
 * never reaches the registry.
 */

export const contractId = z
  .string()
  .max(MAX_CONTRACT_ID_LENGTH)
  .regex(new RegExp(CONTRACT_ID_PATTERN), 'a contract id is namespace.name in lowercase, e.g. commerce.orders')
  .describe('Contract id, namespace.name, e.g. commerce.orders');

export const contractRef = z
  .string()
  .min(1)
  .max(MAX_REF_LENGTH)
  .describe('Contract and semver range, e.g. commerce.orders@^2 or commerce.orders@2.1.0; without @range the newest version that is not yanked');

export const exactVersion = z.string().min(1).max(MAX_VERSION_LENGTH).describe('Exact version such as 2.1.0');

export const consumerName = z
  .string()
  .max(MAX_CONSUMER_NAME_LENGTH)
  .regex(new RegExp(CONSUMER_NAME_PATTERN), 'a consumer name is dotted lowercase words, e.g. agents.support-router')
  .describe('Consumer name, dotted lowercase words, e.g. agents.support-router');

export const metricName = z.string().min(1).max(MAX_DEFINITION_NAME_LENGTH).describe('Metric name, e.g. net_revenue');
