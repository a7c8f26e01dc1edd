import type { CheckFinding, CheckReport } from '../model.js';
import { beforeAfter, itemsBySeverity, locationOf, nextStep, sourceOf, subjectOf } from './report-findings.js';
import { xmlAttribute, xmlText } from './xml-escape.js';

interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly message: string; readonly type: string; readonly body: string };
  readonly output?: string;
}

function itemCase(report: CheckReport, finding: CheckFinding): TestCase {
  const classname = `${report.contract}.drift`;
  const name = `${finding.rule} at ${locationOf(finding)}`;
  const details = [`${finding.severity}: ${finding.message}`, `rule ${finding.rule} at ${locationOf(finding)}`, `fingerprint ${finding.fingerprint}`];
  const observed = beforeAfter(finding);
  if (observed !== undefined) details.push(observed);
  const body = details.join('\n');
  // Only breaking findings fail the build; warnings and notes travel as output of a passing case.
  return finding.severity === 'breaking'
    ? { classname, name, failure: { message: finding.message, type: finding.rule, body: `${body}\nnext: ${nextStep(report)}` } }
    : { classname, name, output: body };
}

function testCases(report: CheckReport): TestCase[] {
  const cases = itemsBySeverity(report).flatMap(([, group]) => group.map((finding) => itemCase(report, finding)));
  if (report.readIssues.count > 0) {
    const examples = report.readIssues.examples.map((issue) => `${issue.kind} at ${issue.location}: ${issue.message}`);
    cases.push({ classname: `${report.contract}.read`, name: `${report.readIssues.count} read issues`, output: examples.join('\n') });
  }
  if (cases.length === 0) cases.push({ classname: report.contract, name: `records match ${subjectOf(report)}` });
  return cases;
}

function caseXml(testCase: TestCase): string {
  const open = `    <testcase classname="${xmlAttribute(testCase.classname)}" name="${xmlAttribute(testCase.name)}" time="0"`;
  if (testCase.failure === undefined && testCase.output === undefined) return `${open}/>`;
  const inner =
    testCase.failure !== undefined
      ? `      <failure message="${xmlAttribute(testCase.failure.message)}" type="${xmlAttribute(testCase.failure.type)}">${xmlText(testCase.failure.body)}</failure>`
      : `      <system-out>${xmlText(testCase.output ?? '')}</system-out>`;
  return `${open}>\n${inner}\n    </testcase>`;
}

/**
 * A JUnit XML report for CI systems: one test suite for the run, one test case per finding
 * (breaking ones are failures; warnings and notes pass with their text as
 * output), one for read issues when there were any, and a single passing case when the feed
 * matched. Every value from the feed or contract is escaped.
 */
export function renderJunitReport(report: CheckReport): string {
  const cases = testCases(report);
  const failures = cases.filter((testCase) => testCase.failure !== undefined).length;
  const seconds = (report.durationMs / 1000).toFixed(3);
  const properties: readonly (readonly [string, string])[] = [
    ['verdict', report.verdict],
    ['contract', report.contract],
    ['version', report.version],
    ['source', report.source],
    ...(report.sourceName !== undefined ? [['sourceName', report.sourceName] as const] : []),
    ['read', String(report.read)],
    ['sampled', String(report.sampled)],
    ['sampler', report.sampler],
    ['selection', report.selection.text],
  ];
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="concord check" ${counts} time="${seconds}">`,
    `  <testsuite name="${xmlAttribute(`${subjectOf(report)} against ${sourceOf(report)}`)}" ${counts} skipped="0" time="${seconds}" timestamp="${xmlAttribute(report.startedAt)}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${xmlAttribute(name)}" value="${xmlAttribute(value)}"/>`),
    '    </properties>',
    ...cases.map(caseXml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
