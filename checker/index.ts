/**
 * The checker's public face: the composition root the CLI and embedders build a checker with,
 * and the shapes its options and results use.
 */
export { BASELINE_MODES, createChecker } from './create-checker.js';
export type { BaselineMode, Checker, CheckerAlertOptions, CheckerAlerts, CheckerOptions, CheckRequest, ReportSink } from './create-checker.js';
export { recordRun } from './record-run.js';
export type { RunRecording } from './record-run.js';
export { createTransitionAlerts } from './alerts/transition-alerts.js';
export type { TransitionAlerts, TransitionAlertsOptions } from './alerts/transition-alerts.js';
export type { AlertDeliveryOutcome, AlertDispatcher } from './alerts/dispatcher.js';
export type { CheckReport, Verdict } from './model.js';
