// The elements of output items that are more than text: a picture (with
// Enlarge and Download) and an error's explanation. Plain DOM, so the Output
// region's renderer and the History dialog show them alike.
import type { DisplayItem, DisplayMime, ExplanationItem } from '../model/output.ts';

type Picture = Omit<DisplayItem, 'kind'>;

export interface RichItemOptions {
  /** The learner follows an explanation's line reference (absent where there is no editor to go to). */
  onOpenLocation?: (file: string, line: number) => void;
  /** Whether an explanation starts folded to one line (small screens). */
  folded?: boolean;
}

const EXTENSIONS: Record<DisplayMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};

/** A download name from a picture's description: `Image from line 3` → `image-from-line-3.png`. */
export function pictureFileName(picture: Pick<Picture, 'alt' | 'mime'>): string {
  const stem =
    picture.alt
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'picture';
  return `${stem}.${EXTENSIONS[picture.mime]}`;
}

/**
 * An object URL for a picture's bytes. Shown only ever through an <img>: an SVG
 * shown this way cannot run script or load anything.
 */
function pictureURL(picture: Picture): string {
  return URL.createObjectURL(new Blob([picture.data as Uint8Array<ArrayBuffer>], { type: picture.mime }));
}

function downloadPicture(doc: Document, picture: Picture): void {
  const a = doc.createElement('a');
  a.href = pictureURL(picture);
  a.download = pictureFileName(picture);
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function smallButton(doc: Document, label: string, name: string, onClick: () => void): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'small';
  // The visible label is drawn by CSS (`data-label`): the Output's text stays exactly what the program printed.
  button.dataset.label = label;
  button.setAttribute('aria-label', name);
  button.addEventListener('click', onClick);
  return button;
}

/** The picture large in a dialog (at least its own size; scrolls when larger than the window); Esc or Close returns. */
export function openPictureViewer(doc: Document, picture: Picture, returnFocus?: HTMLElement | null): void {
  const dialog = doc.createElement('dialog');
  dialog.className = 'picture-viewer';
  dialog.setAttribute('aria-label', `Picture: ${picture.alt}`);
  const url = pictureURL(picture);
  const img = doc.createElement('img');
  // A small picture is scaled up to fill the window (up to 4×); a large one keeps its size and scrolls.
  img.onload = () => {
    const view = doc.defaultView;
    if (!view || !img.naturalWidth || !img.naturalHeight) return;
    const scale = Math.min(4, (view.innerWidth - 64) / img.naturalWidth, (view.innerHeight - 140) / img.naturalHeight);
    if (scale > 1) img.style.width = `${Math.floor(img.naturalWidth * scale)}px`;
  };
  img.src = url;
  img.alt = picture.alt;
  const frame = doc.createElement('div');
  frame.className = 'picture-viewer-frame';
  frame.append(img);
  const bar = doc.createElement('div');
  bar.className = 'dialog-actions';
  const close = smallButton(doc, 'Close', 'Close picture', () => dialog.close());
  bar.append(
    smallButton(doc, 'Download', `Download picture: ${picture.alt}`, () => downloadPicture(doc, picture)),
    close,
  );
  dialog.append(frame, bar);
  dialog.addEventListener('close', () => {
    URL.revokeObjectURL(url);
    dialog.remove();
    returnFocus?.focus();
  });
  // A click on the backdrop (outside the dialog's box) closes it, as people expect of an enlarged picture.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  doc.body.append(dialog);
  dialog.showModal();
  close.focus();
}

/** A picture line: the image (shrunk to the width it has; a click enlarges it), then Enlarge and Download. */
export function pictureElement(doc: Document, picture: Picture): HTMLElement {
  const el = doc.createElement('span');
  el.className = 'out-line out-picture';
  const img = doc.createElement('img');
  const url = pictureURL(picture);
  // Decoded once loaded: the URL (and its copy of the bytes) can go.
  img.onload = img.onerror = () => URL.revokeObjectURL(url);
  img.src = url;
  img.alt = picture.alt || 'A picture without a description';
  const actions = doc.createElement('span');
  actions.className = 'picture-actions';
  const enlarge = smallButton(doc, 'Enlarge', `Enlarge picture: ${img.alt}`, () =>
    openPictureViewer(doc, picture, enlarge),
  );
  img.addEventListener('click', () => openPictureViewer(doc, picture, enlarge));
  actions.append(
    enlarge,
    smallButton(doc, 'Download', `Download picture: ${img.alt}`, () => downloadPicture(doc, picture)),
  );
  el.append(img, actions, '\n');
  return el;
}

/** Text with `code` in backticks, as elements. */
function withCode(doc: Document, text: string): Node[] {
  return text.split('`').map((part, i) => {
    if (i % 2 === 0) return doc.createTextNode(part);
    const code = doc.createElement('code');
    code.textContent = part;
    return code;
  });
}

/**
 * An explanation line: a note named "Explanation", saying where, what
 * happened and one thing to try, then a link to the line (when there is an
 * editor to go to). Folded, it is one line; unfolding shows the rest.
 */
export function explanationElement(doc: Document, item: ExplanationItem, options: RichItemOptions = {}): HTMLElement {
  const el = doc.createElement('div');
  el.className = 'out-line out-explanation';
  el.setAttribute('role', 'note');
  el.setAttribute('aria-label', 'Explanation');
  const details = doc.createElement('details');
  details.open = !options.folded;
  const summary = doc.createElement('summary');
  const where = item.file === '<shell>' ? 'At the shell' : `Line ${item.line} of ${item.file}`;
  // Plain text here: on a phone the folded line is what a thumb taps to unfold it, so it holds no link.
  const place = doc.createElement('span');
  place.className = 'explain-where';
  place.textContent = where;
  summary.append(place, ': ', ...withCode(doc, item.text));
  details.append(summary);
  if (item.hint) {
    const hint = doc.createElement('p');
    hint.className = 'explain-hint';
    const label = doc.createElement('strong');
    label.textContent = 'Try this: ';
    hint.append(label, ...withCode(doc, item.hint));
    details.append(hint);
  }
  if (options.onOpenLocation && item.file !== '<shell>') {
    const go = doc.createElement('a');
    go.className = 'explain-go';
    go.href = '#';
    go.dataset.file = item.file;
    go.dataset.line = String(item.line);
    go.textContent = `Go to line ${item.line} of ${item.file}`;
    const p = doc.createElement('p');
    p.className = 'explain-hint';
    p.append(go);
    details.append(p);
  }
  el.append(details);
  return el;
}
