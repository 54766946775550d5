// Completion codes: what a learner reads aloud to a teacher with no time for files, "maple river 42".
//
// A code is HMAC-SHA-256, keyed by the class's secret (from the teacher's pack), over
//   packId "\n" exerciseId "\n" learnerKey(learner) "\n" day        (day: YYYY-MM-DD, the learner's local time)
// read as: the first byte picks the first word, the second byte the second (from code-words.json, 256 words), and
// the next four bytes (big-endian) modulo 90, plus 10, the number. About 5.9 million codes, so a guess is right
// about once in that many tries for one exercise and day.
//
// What a code proves, and what not: the secret travels inside the pack, so anyone holding the pack could make
// codes without doing the exercise. A matching code says that a copy of the app with this pack showed it for this
// name and day, which it does only after that device ran the checks and they passed. It does not say who typed
// the code, nor that the learner wrote the code that passed.
import { learnerKey } from '../../../model/classroom.ts';
import words from './code-words.json';

const WORDS: readonly string[] = words;
const WORD_INDEX = new Map(WORDS.map((word, i) => [word, i]));

/** The day of a moment in the device's own time zone, as `YYYY-MM-DD`: the day a learner would name. */
export function localDay(at: number | Date): string {
  const date = new Date(at);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    // A dashboard checks many codes against few classes; the set of secrets it meets stays small.
    keys.set(secret, key);
  }
  return key;
}

async function codeWith(
  key: CryptoKey,
  packId: string,
  exerciseId: string,
  learner: string,
  day: string,
): Promise<string> {
  const message = new TextEncoder().encode([packId, exerciseId, learnerKey(learner), day].join('\n'));
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  const number = 10 + (new DataView(mac.buffer, mac.byteOffset).getUint32(2) % 90);
  return `${WORDS[mac[0]]}-${WORDS[mac[1]]}-${number}`;
}

/** The code for an exercise passed by `learner` on `day` (`YYYY-MM-DD`), as `maple-river-42`. */
export async function completionCode(input: {
  secret: string;
  packId: string;
  exerciseId: string;
  learner: string;
  day: string;
}): Promise<string> {
  return codeWith(await hmacKey(input.secret), input.packId, input.exerciseId, input.learner, input.day);
}

/**
 * A code as typed or heard ("Maple  River 42", "maple-river-42") in the form codes are made in, or undefined
 * when it is not two words of the list and a number from 10 to 99.
 */
export function normaliseCode(typed: string): string | undefined {
  const parts = typed
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s\-\u2010-\u2015_.,]+/u)
    .filter(Boolean);
  if (parts.length !== 3) return undefined;
  const [first, second, number] = parts;
  if (!WORD_INDEX.has(first) || !WORD_INDEX.has(second) || !/^[1-9][0-9]$/.test(number)) return undefined;
  return `${first}-${second}-${number}`;
}

export type CodeCheck =
  | { ok: true; matches: { exerciseId: string; title: string; day: string }[] }
  | { ok: false; reason: 'malformed' | 'no-match' };

/**
 * Which of a pack's exercises, on which of `days`, a typed code is for, when `learner` gave it. More than one match
 * is possible (about once in 5.9 million per exercise and day), so every one is listed.
 */
export async function verifyCompletionCode(
  typed: string,
  input: {
    secret: string;
    packId: string;
    exercises: { id: string; title: string }[];
    learner: string;
    days: string[];
  },
): Promise<CodeCheck> {
  const code = normaliseCode(typed);
  if (!code) return { ok: false, reason: 'malformed' };
  const key = await hmacKey(input.secret);
  const matches: { exerciseId: string; title: string; day: string }[] = [];
  for (const day of input.days) {
    for (const exercise of input.exercises) {
      if ((await codeWith(key, input.packId, exercise.id, input.learner, day)) === code) {
        matches.push({ exerciseId: exercise.id, title: exercise.title, day });
      }
    }
  }
  return matches.length ? { ok: true, matches } : { ok: false, reason: 'no-match' };
}
