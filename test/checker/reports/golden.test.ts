import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { CheckReport } from '../../../checker/model.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../../checker/reports/render-report.js';
import { BREAKING_REPORT, PASS_REPORT } from './fixed-reports.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const EXTENSIONS: Readonly<Record<ReportFormat, string>> = { text: 'txt', json: 'json', junit: 'junit.xml', markdown: 'md' };
const REPORTS: Readonly<Record<string, CheckReport>> = { breaking: BREAKING_REPORT, pass: PASS_REPORT };

// UPDATE_GOLDEN=1 rewrites the files after a deliberate change of a renderer; review the diff before committing.
const update = process.env.UPDATE_GOLDEN === '1';

const cases = Object.keys(REPORTS).flatMap((name) => REPORT_FORMATS.map((format) => [name, format] as const));

describe('check report renderers against golden files', () => {
  test.each(cases)('%s report as %s', async (name, format) => {
    const rendered = renderReport(REPORTS[name]!, format);
    const file = `${GOLDEN}${name}.${EXTENSIONS[format]}`;
    if (update) await fs.writeFile(file, rendered);
    expect(rendered).toBe(await fs.readFile(file, 'utf8'));
  });
});
