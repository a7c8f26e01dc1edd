import type { Verdict } from '../../vocabulary/index.js';
import { html } from './html.js';
import type { SafeHtml } from './html.js';

/** One run on the timeline. */
export interface TimelinePoint {
  readonly at: string;
  readonly verdict: Verdict;
  /** 0..1 */
  readonly rate: number;
  readonly version: string;
  /** The run's own page; its verdict marker links there. */
  readonly href?: string;
}

const WIDTH = 720;
const HEIGHT = 250;
/** Room under the plot for the verdict strip (at `bottom - 34`) and the date labels below it. */
const PAD = { left: 56, right: 16, top: 16, bottom: 62 } as const;

const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;
const round = (value: number): number => Math.round(value * 10) / 10;

function label(point: TimelinePoint): SafeHtml {
  return html`<title>${point.at}: ${point.verdict} against ${point.version}, violation rate ${percent(point.rate)}</title>`;
}

/** Each verdict gets its own shape as well as its colour, so the strip reads without colour. */
function verdictMarker(point: TimelinePoint, x: number, y: number): SafeHtml {
  let shape: SafeHtml;
  if (point.verdict === 'pass') shape = html`<circle class="point verdict-pass" cx="${round(x)}" cy="${round(y)}" r="6">${label(point)}</circle>`;
  else if (point.verdict === 'warn') {
    const d = `M${round(x)} ${round(y - 7)} L${round(x + 7)} ${round(y + 6)} L${round(x - 7)} ${round(y + 6)} Z`;
    shape = html`<path class="point verdict-warn" d="${d}">${label(point)}</path>`;
  } else shape = html`<rect class="point verdict-breaking" x="${round(x - 6)}" y="${round(y - 6)}" width="12" height="12">${label(point)}</rect>`;
  return point.href === undefined ? shape : html`<a href="${point.href}" class="run-link">${shape}</a>`;
}

/**
 * An inline SVG of the runs (oldest left) in two parts that do not mix: a line of the violation
 * rate (the share of records failing a schema check) with a small neutral dot per run, and under
 * the plot a strip of verdict markers shaped and coloured by verdict, each linking to its run. A
 * run made breaking by drift alone (a renamed field, a shifted distribution) has a 0% rate and a
 * breaking square in the strip, rather than a red square on the 0% line. Runs are evenly spaced:
 * checks run on a schedule, and even spacing keeps bursts of manual runs readable. The caller
 * shows the same runs as a table for readers who cannot see the chart.
 */
export function driftChart(points: readonly TimelinePoint[], titleId: string, caption: string): SafeHtml {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const stripY = HEIGHT - PAD.bottom + 28;
  const x = (index: number) => PAD.left + (points.length === 1 ? plotWidth / 2 : (index * plotWidth) / (points.length - 1));
  const y = (rate: number) => PAD.top + plotHeight * (1 - Math.min(1, Math.max(0, rate)));
  const line = points.map((point, index) => `${round(x(index))},${round(y(point.rate))}`).join(' ');
  const first = points[0];
  const last = points.at(-1);
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${titleId}" preserveAspectRatio="xMidYMid meet">
  <title id="${titleId}">${caption}</title>
  ${[0, 0.5, 1].map(
    (rate) => html`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${round(y(rate))}" y2="${round(y(rate))}"></line>
  <text class="axis" x="${PAD.left - 6}" y="${round(y(rate) + 4)}" text-anchor="end">${percent(rate)}</text>`,
  )}
  ${points.length > 1 ? html`<polyline class="rate-line" points="${line}"></polyline>` : ''}
  ${points.map((point, index) => html`<circle class="rate-point" cx="${round(x(index))}" cy="${round(y(point.rate))}" r="3">${label(point)}</circle>`)}
  <line class="strip-rule" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${stripY}" y2="${stripY}"></line>
  <text class="axis" x="${PAD.left - 6}" y="${stripY + 4}" text-anchor="end">verdict</text>
  <g class="verdict-strip">${points.map((point, index) => verdictMarker(point, x(index), stripY))}</g>
  ${first === undefined ? '' : html`<text class="axis" x="${PAD.left}" y="${HEIGHT - 8}" text-anchor="start">${first.at.slice(0, 16).replace('T', ' ')}</text>`}
  ${last === undefined || points.length < 2 ? '' : html`<text class="axis" x="${WIDTH - PAD.right}" y="${HEIGHT - 8}" text-anchor="end">${last.at.slice(0, 16).replace('T', ' ')}</text>`}
</svg>`;
}
