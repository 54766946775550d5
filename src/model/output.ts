// A run's output: an ordered stream of typed items. Text from the program's
// streams and pictures it shows arrive in the order they were made, so a
// picture printed between two lines stays between them. Each kind has its
// sinks on the page (the Output region, the history); a new kind is a new
// type here, a Python `emit` call and a sink.

/**
 * Which stream a piece of text belongs to. `stdin` is the learner's typed
 * answer, echoed; `system` is a message from the app itself ("Loading numpy…").
 */
export type OutputStream = 'stdout' | 'stderr' | 'stdin' | 'system';

export const OUTPUT_STREAMS: readonly OutputStream[] = ['stdout', 'stderr', 'stdin', 'system'];

/** Text on one stream; consecutive text of the same stream is merged. */
export interface TextItem {
  kind: 'text';
  stream: OutputStream;
  text: string;
}

/** Picture formats a program may show; anything else is refused where it enters. */
export const DISPLAY_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'] as const;
export type DisplayMime = (typeof DISPLAY_MIMES)[number];

/** Largest picture one item may carry (Python refuses larger ones with a message the learner reads). */
export const MAX_DISPLAY_BYTES = 4_000_000;

/** A picture the program showed. */
export interface DisplayItem {
  kind: 'display';
  mime: DisplayMime;
  data: Uint8Array;
  /** What it shows, in words: read out by screen readers, and the text of copies and searches. */
  alt: string;
}

/**
 * An error explained in plain words (features/explain): it follows the
 * traceback it explains and points at a line of the learner's code.
 */
export interface ExplanationItem {
  kind: 'explanation';
  /** Which case of shared/explanations.json this is, e.g. `name-misspelt`. */
  case: string;
  /** The learner's file (`main.py`, or `<shell>`) and the line it points at. */
  file: string;
  line: number;
  text: string;
  /** One thing to try. */
  hint: string;
}

/** Longest explanation or hint text accepted. */
export const MAX_EXPLANATION_CHARS = 2000;

/**
 * Drawing commands from a turtle program (see features/turtle/shared/ops.ts):
 * a flat list of numbers and the strings they refer to. They go to the drawing
 * panel, not to the Output region.
 */
export interface TurtleItem {
  kind: 'turtle';
  ops: Float64Array;
  strs: string[];
}

/** What the Output region shows and the history keeps. */
export type ShownItem = TextItem | DisplayItem | ExplanationItem;
export type OutputItem = ShownItem | TurtleItem;
export type OutputKind = OutputItem['kind'];

/** Appends text, merging it into the last item when that is text of the same stream. */
export function appendText(items: OutputItem[], stream: OutputStream, text: string): void {
  if (!text) return;
  const last = items[items.length - 1];
  if (last?.kind === 'text' && last.stream === stream) last.text += text;
  else items.push({ kind: 'text', stream, text });
}

/** Appends an item (text merges as appendText does). */
export function appendItem(items: ShownItem[], item: ShownItem): void {
  if (item.kind === 'text') appendText(items, item.stream, item.text);
  else items.push(item);
}

/** How a picture reads in plain text (copy, download, search). */
export function displayText(item: Pick<DisplayItem, 'alt'>): string {
  return `[picture: ${item.alt || 'no description'}]\n`;
}

/** How an explanation reads in plain text (copy, download, search, the transcript export). */
export function explanationText(item: Pick<ExplanationItem, 'file' | 'line' | 'text' | 'hint'>): string {
  const where = item.file === '<shell>' ? 'the shell' : `${item.file}, line ${item.line}`;
  return `Explanation (${where}): ${item.text}\n${item.hint ? `Try this: ${item.hint}\n` : ''}`;
}

/** The plain text of one shown item. */
export function itemText(item: ShownItem): string {
  if (item.kind === 'text') return item.text;
  if (item.kind === 'display') return displayText(item);
  return explanationText(item);
}

/** The plain text of items. */
export function itemsText(items: readonly ShownItem[]): string {
  return items.map(itemText).join('');
}
