// Lesson text (Markdown from a pack anyone can write and share) turned into HTML the page may show. A pack is
// untrusted input: markdown-it refuses raw HTML and unsafe links, and DOMPurify then keeps only what markdown-it
// itself makes, so a bug or a new feature in either one alone cannot let script through.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/** Lesson headings sit under the page's own (h1 the app, h2 the panel): `#` becomes h3, `##` h4, and so on. */
const HEADING_SHIFT = 2;

const ALLOWED_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'em',
  'strong',
  's',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'a',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'img',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'class', 'start', 'style'];

/** The only class markdown-it writes: a code fence's language. */
const LANGUAGE_CLASS = /^language-[\w+#.-]+$/;
/** The only style markdown-it writes: a table column's alignment. */
const ALIGN_STYLE = /^text-align:(left|center|right)$/;
/** Images from the pack itself (data), next to it (relative) or a secure site; never plain http or other schemes. */
const SAFE_IMAGE = /^(data:image\/(png|gif|jpeg|webp);|https:|(?![a-z][a-z0-9+.-]*:)[^\s]*$)/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.core.ruler.push('shift_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      const level = Math.min(6, Number(token.tag.slice(1)) + HEADING_SHIFT);
      token.tag = `h${level}`;
    }
  }
});

let purifier: ReturnType<typeof DOMPurify> | undefined;

/** A purifier of our own: its hooks must not change how the rest of the app sanitises. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'class' && !LANGUAGE_CLASS.test(data.attrValue)) data.keepAttr = false;
    if (data.attrName === 'style' && !ALIGN_STYLE.test(data.attrValue.replace(/\s|;$/g, ''))) data.keepAttr = false;
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      // Opened away from the playground, so the learner's code and output stay where they were.
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (node.nodeName === 'IMG') {
      const src = node.getAttribute('src');
      if (src !== null && !SAFE_IMAGE.test(src.trim())) node.removeAttribute('src');
    }
  });
  purifier = p;
  return p;
}

/** Lesson Markdown as safe HTML: no raw HTML (it shows as text), no script, links open in a new tab. */
export function renderMarkdown(source: string): string {
  return getPurifier().sanitize(md.render(source), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}
