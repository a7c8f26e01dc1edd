import type { RunVerdict } from '../storage/run-store.js';
import { html } from './html.js';
import type { SafeHtml } from './html.js';

/** One run on the timeline. */
export interface TimelinePoint {
  readonly at: string;
  readonly verdict: RunVerdict;
  /** 0..1 */
  readonly rate: number;
  readonly version: string;
}

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 48, right: 16, top: 16, bottom: 36 } as const;

const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;
const round = (value: number): number => Math.round(value * 10) / 10;

/** Each verdict gets its own shape as well as its colour, so the chart reads without colour. */
function marker(point: TimelinePoint, x: number, y: number): SafeHtml {
  const label = html`<title>${point.at}: ${point.verdict}, violation rate ${percent(point.rate)} (version ${point.version})</title>`;
  if (point.verdict === 'pass') return html`<circle class="point verdict-pass" cx="${round(x)}" cy="${round(y)}" r="5">${label}</circle>`;
  if (point.verdict === 'warn') {
    const d = `M${round(x)} ${round(y - 6)} L${round(x + 6)} ${round(y + 5)} L${round(x - 6)} ${round(y + 5)} Z`;
    return html`<path class="point verdict-warn" d="${d}">${label}</path>`;
  }
  return html`<rect class="point verdict-breaking" x="${round(x - 5)}" y="${round(y - 5)}" width="10" height="10">${label}</rect>`;
}

/**
 * An inline SVG of violation rate over the runs (oldest left), one marker per run shaped and
 * coloured by its verdict. Runs are evenly spaced: checks run on a schedule, and an even spacing
 * keeps bursts of manual runs readable. The caller shows the same runs as a table for readers
 * who cannot see the chart.
 */
export function driftChart(points: readonly TimelinePoint[], titleId: string, caption: string): SafeHtml {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
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
  ${points.map((point, index) => marker(point, x(index), y(point.rate)))}
  ${first === undefined ? '' : html`<text class="axis" x="${PAD.left}" y="${HEIGHT - 10}" text-anchor="start">${first.at.slice(0, 16).replace('T', ' ')}</text>`}
  ${last === undefined || points.length < 2 ? '' : html`<text class="axis" x="${WIDTH - PAD.right}" y="${HEIGHT - 10}" text-anchor="end">${last.at.slice(0, 16).replace('T', ' ')}</text>`}
</svg>`;
}
