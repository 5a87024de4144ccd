/** The shared HTML page shell and escaping (src/output/html.ts). */
import { describe, expect, it } from 'vitest';
import { escapeHtml, page } from '../../src/output/html.ts';

describe('HTML page shell', () => {
  it('escapes the five special characters and prints nothing for missing values', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(6)).toBe('6');
  });

  it('wraps a body in a complete page, with the generator and doctype as asked', () => {
    const html = page({ title: 'A & B', css: 'p{}', body: '<p>x</p>', generator: 'collabsim' });
    expect(html).toBe(
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
        '<meta name="generator" content="collabsim">\n<title>A &amp; B</title>\n<style>p{}</style>\n</head>\n' +
        '<body>\n<p>x</p>\n</body>\n</html>\n',
    );
    const plain = page({ title: 'T', css: '', body: '', doctype: '<!doctype html>' });
    expect(plain.startsWith('<!doctype html>\n')).toBe(true);
    expect(plain).not.toContain('generator');
  });
});
