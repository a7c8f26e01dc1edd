import { describe, expect, test } from 'vitest';
import { escapeHtml, html, SafeHtml } from '../../../registry/ui/html.js';

describe('html template', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"quoted" \'single\'', '&quot;quoted&quot; &#39;single&#39;'],
    ['plain', 'plain'],
    ['', ''],
  ])('escapes %j in text', (input, expected) => {
    expect(html`<p>${input}</p>`.markup).toBe(`<p>${expected}</p>`);
    expect(escapeHtml(input)).toBe(expected);
  });

  test('an attribute value cannot break out of its quotes', () => {
    const hostile = '" onmouseover="alert(1)';
    const markup = html`<input value="${hostile}">`.markup;
    expect(markup).toBe('<input value="&quot; onmouseover=&quot;alert(1)">');
    expect(markup).not.toContain('" onmouseover="');
  });

  test.each([
    [null, ''],
    [undefined, ''],
    [false, ''],
    [true, ''],
    [0, '0'],
    [12.5, '12.5'],
  ])('renders %j as %j', (value, expected) => {
    expect(html`${value}`.markup).toBe(expected);
  });

  test('keeps nested templates and escapes inside arrays', () => {
    const items = ['<b>', 'ok'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.markup).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>');
    expect(html`${['<i>', html`<i>`]}`.markup).toBe('&lt;i&gt;<i>');
  });

  test('a string that looks like markup is never trusted, only SafeHtml is', () => {
    const lookalike = { markup: '<script>', toString: () => '<script>' };
    expect(html`${String(lookalike)}`.markup).toBe('&lt;script&gt;');
    expect(html`${new SafeHtml('<hr>')}`.markup).toBe('<hr>');
  });
});
