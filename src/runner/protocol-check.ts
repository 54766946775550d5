// Every message from Python's side is untrusted input: a program can post
// anything a worker can (`js.postMessage`, the port it holds). Before the
// runner sees one, it is checked against the protocol (the shapes in
// protocol.ts) with sizes bounded; anything else is dropped and counted.
import * as v from 'valibot';
import { MAX_BINARY_FILE_BYTES } from '../model/files.ts';
import { DISPLAY_MIMES, MAX_DISPLAY_BYTES, MAX_EXPLANATION_CHARS, OUTPUT_STREAMS } from '../model/output.ts';
import type { FromWorker } from './protocol.ts';
import { MAX_BATCH_FLOATS, MAX_BATCH_STRINGS } from '../features/turtle/shared/ops.ts';

/** Most text one output message may carry (the worker posts at most every 16 ms, about 256 KB). */
const MAX_TEXT_CHARS = 4_000_000;
/** Most files a run may write, and the largest one. */
const MAX_WRITTEN_FILES = 200;
const MAX_WRITTEN_CHARS = 10_000_000;
const MAX_MESSAGE_CHARS = 100_000;
const MAX_URL_CHARS = 8_000;
const MAX_REQUEST_BYTES = 10_000_000;

const id = v.pipe(v.number(), v.integer(), v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const bytes = (max: number) =>
  v.pipe(
    v.instance(Uint8Array),
    v.check((b) => b.byteLength <= max, 'too large'),
  );
const runError = v.object({
  type: text(200),
  message: text(MAX_MESSAGE_CHARS),
  location: v.nullish(v.object({ file: text(1000), line: v.number(), column: v.nullish(v.number()) })),
});

const MAX_CHECK_TEXT = 2_000_000;
const checkOutcome = v.object({
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
  kind: v.picklist(['output', 'call', 'tests', 'code', 'turtle']),
  title: text(1000),
  passed: v.boolean(),
  message: text(MAX_MESSAGE_CHARS),
  comparison: v.optional(
    v.object({
      expected: text(MAX_CHECK_TEXT),
      actual: text(MAX_CHECK_TEXT),
      match: v.picklist(['exact', 'normalised', 'ignore-case', 'regex']),
    }),
  ),
  tests: v.optional(
    v.pipe(
      v.array(v.object({ name: text(1000), passed: v.boolean(), message: text(MAX_MESSAGE_CHARS) })),
      v.maxLength(1000),
    ),
  ),
  timedOut: v.optional(v.boolean()),
  errorType: v.optional(text(200)),
});
const nonce = text(100);

const outputItem = v.variant('kind', [
  v.object({ kind: v.literal('text'), stream: v.picklist(OUTPUT_STREAMS), text: text(MAX_TEXT_CHARS) }),
  v.object({
    kind: v.literal('display'),
    mime: v.picklist(DISPLAY_MIMES),
    data: bytes(MAX_DISPLAY_BYTES),
    alt: text(1000),
  }),
  v.object({
    kind: v.literal('explanation'),
    case: text(100),
    file: text(1000),
    line: v.pipe(v.number(), v.integer(), v.minValue(0)),
    text: text(MAX_EXPLANATION_CHARS),
    hint: text(MAX_EXPLANATION_CHARS),
  }),
  v.object({
    kind: v.literal('turtle'),
    ops: v.pipe(
      v.instance(Float64Array),
      v.check((ops) => ops.length <= MAX_BATCH_FLOATS, 'too many commands'),
    ),
    strs: v.pipe(
      v.array(v.string()),
      v.maxLength(MAX_BATCH_STRINGS),
      v.check((strs) => strs.reduce((n, s) => n + s.length, 0) <= MAX_TEXT_CHARS, 'too much text'),
    ),
  }),
]);

const fromWorker = v.variant('type', [
  v.object({
    type: v.literal('ready'),
    version: text(100),
    pythonVersion: text(100),
    startupMs: v.number(),
    isolated: v.boolean(),
    fromSnapshot: v.boolean(),
    stages: v.record(text(100), v.number()),
  }),
  v.object({ type: v.literal('snapshot-made'), bytes: bytes(2_000_000_000), ms: v.number() }),
  v.object({ type: v.literal('snapshot-unusable') }),
  v.object({ type: v.literal('load-error'), message: text(MAX_MESSAGE_CHARS) }),
  v.object({
    type: v.literal('output'),
    id,
    items: v.pipe(
      v.array(outputItem),
      v.check((items) => items.reduce((n, i) => n + (i.kind === 'text' ? i.text.length : 0), 0) <= MAX_TEXT_CHARS),
    ),
  }),
  v.object({ type: v.literal('input-request'), id }),
  v.object({
    type: v.literal('done'),
    id,
    status: v.picklist(['ok', 'error', 'interrupted']),
    error: v.optional(runError),
    durationMs: v.number(),
    written: v.optional(
      v.pipe(
        v.array(
          v.object({ name: text(1000), content: v.union([text(MAX_WRITTEN_CHARS), bytes(MAX_BINARY_FILE_BYTES)]) }),
        ),
        v.maxLength(MAX_WRITTEN_FILES),
      ),
    ),
    report: v.optional(
      v.object({
        outcomes: v.pipe(v.array(checkOutcome), v.maxLength(1000)),
        passed: v.boolean(),
        durationMs: v.number(),
      }),
    ),
    nonce: v.optional(nonce),
  }),
  v.object({ type: v.literal('check-start'), id, nonce, index: v.number(), timeoutMs: v.number() }),
  v.object({ type: v.literal('check-outcome'), id, nonce, outcome: checkOutcome }),
  v.object({
    type: v.literal('fatal'),
    id: v.optional(id),
    reason: v.picklist(['memory', 'stack', 'crash']),
    message: text(MAX_MESSAGE_CHARS),
  }),
  v.object({
    type: v.literal('completions'),
    id,
    items: v.pipe(
      v.array(
        v.object({
          label: text(200),
          type: v.picklist(['keyword', 'function', 'class', 'module', 'variable', 'constant', 'property']),
        }),
      ),
      v.maxLength(5000),
    ),
  }),
  v.object({
    type: v.literal('fetch'),
    id,
    url: text(MAX_URL_CHARS),
    method: text(20),
    headers: v.pipe(v.array(v.tuple([text(200), text(MAX_URL_CHARS)])), v.maxLength(100)),
    body: v.optional(bytes(MAX_REQUEST_BYTES)),
  }),
]);

/** The message, if it is one the protocol allows; undefined otherwise. */
export function checkFromWorker(data: unknown): FromWorker | undefined {
  const result = v.safeParse(fromWorker, data);
  return result.success ? (result.output as FromWorker) : undefined;
}
