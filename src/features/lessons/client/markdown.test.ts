// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { patchNodeNameForDomPurify } from '../../../../tests/support/dom.ts';
import { renderMarkdown } from './markdown.ts';

patchNodeNameForDomPurify();

/** The rendered HTML as elements, to ask about structure rather than exact markup. */
function render(source: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = renderMarkdown(source);
  return div;
}

describe('renderMarkdown', () => {
  it('renders headings a level lower than the page, paragraphs and emphasis', () => {
    const el = render('# Title\n\n## Part\n\n### Small\n\n#### Smaller\n\nSome *soft* and **bold** text.');
    expect(el.querySelector('h3')?.textContent).toBe('Title');
    expect(el.querySelector('h4')?.textContent).toBe('Part');
    expect(el.querySelector('h5')?.textContent).toBe('Small');
    expect(el.querySelector('h6')?.textContent).toBe('Smaller');
    expect(el.querySelector('h1, h2')).toBeNull();
    expect(el.querySelector('p em')?.textContent).toBe('soft');
    expect(el.querySelector('p strong')?.textContent).toBe('bold');
  });

  it('renders lists, numbered lists that start later, quotes and rules', () => {
    const el = render('- one\n- two\n\n3. three\n4. four\n\n> a quote\n\n---');
    expect([...el.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(el.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(el.querySelectorAll('ol > li')).toHaveLength(2);
    expect(el.querySelector('blockquote')?.textContent?.trim()).toBe('a quote');
    expect(el.querySelector('hr')).not.toBeNull();
  });

  it('renders code fences with their language and inline code', () => {
    const el = render('Use `print`:\n\n```python\nprint("hi")\nx = 1 < 2\n```\n\n```\nplain\n```');
    expect(el.querySelector('p code')?.textContent).toBe('print');
    const blocks = el.querySelectorAll('pre > code');
    expect(blocks).toHaveLength(2);
    expect(blocks[0].className).toBe('language-python');
    expect(blocks[0].textContent).toBe('print("hi")\nx = 1 < 2\n');
    expect(blocks[1].hasAttribute('class')).toBe(false);
  });

  it('renders tables with their alignment', () => {
    const el = render('| a | b |\n|:--|--:|\n| 1 | 2 |');
    expect(el.querySelectorAll('table thead th')).toHaveLength(2);
    expect(el.querySelector('tbody td:last-child')?.getAttribute('style')).toMatch(/text-align:\s*right/);
  });

  it('shows raw HTML as text instead of running it', () => {
    const source =
      'Before <script>alert(1)</script> and <img src=x onerror="alert(2)"> after\n\n<div onclick="x()">block</div>';
    const el = render(source);
    expect(el.querySelector('script, img, div')).toBeNull();
    expect(el.textContent).toContain('<script>alert(1)</script>');
    expect(el.textContent).toContain('onerror="alert(2)"');
    expect(el.innerHTML).not.toMatch(/<[^>]+\son\w+=/i);
  });

  it('removes javascript: links, whatever their spelling', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'vbscript:x']) {
      const el = render(`[click me](${href}) and <${href}>`);
      for (const a of el.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').not.toMatch(/script:/i);
      expect(el.innerHTML).not.toMatch(/href="[^"]*script:/i);
    }
  });

  it('opens every link in a new tab without giving it the page', () => {
    const el = render('[Python](https://www.python.org/) and https://docs.python.org/3/ and [help](help.html)');
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://www.python.org/',
      'https://docs.python.org/3/',
      'help.html',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('keeps images from data, relative and https addresses only', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const el = render(
      `![dot](${png}) ![cat](pictures/cat.png) ![far](https://example.org/a.png) ![old](http://example.org/b.png)`,
    );
    const images = [...el.querySelectorAll('img')];
    const byAlt = Object.fromEntries(images.map((img) => [img.alt, img.getAttribute('src')]));
    expect(byAlt.dot).toBe(png);
    expect(byAlt.cat).toBe('pictures/cat.png');
    expect(byAlt.far).toBe('https://example.org/a.png');
    expect(byAlt.old ?? null).toBeNull();
    for (const img of images) expect([...img.attributes].map((a) => a.name).sort()).not.toContain('onerror');
  });

  it('drops an svg data image, which could carry script', () => {
    const el = render('![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)');
    expect(el.querySelector('img[src^="data:image/svg"]')).toBeNull();
  });
});
