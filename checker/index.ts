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
export type { CheckReport, Verdict, ReadProgress } from './model.js';
export { DEFAULT_BASELINE_DIR, acceptFileBaseline } from './baseline/file-baseline-store.js';
export { renderDriftRulesMarkdown } from './drift/drift-rules-markdown.js';
export { DRIFT_RULES } from './drift/index.js';
export type { DriftRuleId, DriftRuleSpec } from './drift/index.js';
export { gateReadHealth } from './gate/gate-read-health.js';
export { renderGateSummary } from './gate/gate-summary.js';
export { isReaderGone, runGate } from './gate/run-gate.js';
export type { GateSummary } from './gate/run-gate.js';
export { createIncidentAlerts } from './jobs/incident-alerts.js';
export { createIncidentStateStore } from './jobs/incident-state.js';
export { createIncidentLog } from './jobs/incident.js';
export type { Incident } from './jobs/incident.js';
export type { JobOutcome, RunJob } from './jobs/job-attempts.js';
export { createJobCheck } from './jobs/job-check.js';
export { loadJobsFile } from './jobs/jobs-file.js';
export type { JobsConfig } from './jobs/jobs-file.js';
export { outcomeLine, runJobsOnce, runOnceExitCode, selectJobs } from './jobs/run-once.js';
export { DEFAULT_SHUTDOWN_GRACE_MS, createScheduler } from './jobs/scheduler.js';
export { createProgressLine } from './progress-line.js';
export type { ProgressLine } from './progress-line.js';
export { REPORT_FORMATS, renderReport } from './reports/render-report.js';
export { loadCheckedContractFile, resolveCheckedContract } from './resolve-contract.js';
export type { CheckedContract } from './resolve-contract.js';
export { SAMPLER_KINDS } from './sampling/create-sampler.js';
export { DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SIZE } from './sampling/sample-size.js';
