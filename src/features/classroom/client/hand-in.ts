// The learner's hand-in: a report of what they did in a pack (a `.pyreport` file, a `#report=` link, or a QR code of
// that link), made from the progress on this device, under the name they give; and the completion codes a learner
// shows a teacher who has no time for files. The controller is handed the store and the page's abilities (download,
// copy, notify): components only render what it holds and call its methods.
import { createSignal } from 'solid-js';
import { encodeReport, encodeReportLink, reportFileName } from '../../../formats/report.ts';
import {
  learnerKey,
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ClassInfo,
  type Report,
  type ReportExercise,
} from '../../../model/classroom.ts';
import type { LessonFile, Pack } from '../../../model/lesson.ts';
import { completionCode as makeCompletionCode, localDay } from '../shared/completion-code.ts';
import { exerciseState, type ExerciseProgress } from '../../lessons/shared/progress.ts';

/** A report keeps the last this many presses of Check per exercise (the model's contract). */
const REPORT_CHECKS = 100;
/** The longest name a learner may give (a class list's names are as long at most). */
export const NAME_MAX = 100;

/** What the hand-in needs of the device's storage (the storage module, structurally). */
export interface HandInStore {
  deviceId(): Promise<string>;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
  listProgress(packId?: string): Promise<ExerciseProgress[]>;
  /** The learner's files for an exercise as saved now, or undefined when it was never opened. */
  exerciseFiles(packId: string, exerciseId: string): Promise<LessonFile[] | undefined>;
}

export interface HandInHost {
  store: HandInStore;
  getPack(id: string): Promise<Pack | undefined>;
  /** Saves what is in the editor, so a report has the code as the learner sees it. */
  flush(): Promise<void>;
  download(name: string, data: Uint8Array, type?: string): void;
  /** Puts text on the clipboard; false when the browser would not. */
  copy(text: string): Promise<boolean>;
  notify(text: string, kind?: 'info' | 'error'): void;
  /** Where the app is, e.g. `https://school.example/python/`: a link is this followed by `#report=…`. */
  origin: string;
}

export interface BuildReportInput {
  pack: Pack;
  progress: ExerciseProgress[];
  /** The learner's files by exercise id. */
  files: Map<string, LessonFile[]>;
  learner: string;
  device: string;
  now: number;
  /** Leave the learner's code out (to make the report small enough for a QR code). */
  omitCode?: boolean;
}

/** The report of a learner's work in a pack: every exercise of the pack, in the pack's order. */
export function buildReport(input: BuildReportInput): Report {
  const { pack } = input;
  const progress = new Map(input.progress.filter((p) => p.packId === pack.id).map((p) => [p.exerciseId, p]));
  const exercises = pack.lessons.flatMap((lesson) =>
    lesson.exercises.map((exercise): ReportExercise => {
      const p = progress.get(exercise.id);
      const entry: ReportExercise = {
        id: exercise.id,
        lessonId: lesson.id,
        title: exercise.title,
        state: exerciseState(p),
        attempts: p?.attempts ?? 0,
        hintsShown: p?.hintsShown ?? 0,
        activeMs: p?.activeMs ?? 0,
        checks: (p?.checks ?? []).slice(-REPORT_CHECKS).map((c) => ({
          at: c.at,
          passed: c.passed,
          total: c.total,
          failed: [...c.failed],
          errors: [...c.errors],
        })),
      };
      // Only the times that happened: a report never says "at 0" for something that did not.
      if (p?.solutionViewedAt !== undefined) entry.solutionViewedAt = p.solutionViewedAt;
      if (p?.firstPassedAt !== undefined) entry.firstPassedAt = p.firstPassedAt;
      if (p?.lastPassedAt !== undefined) entry.lastPassedAt = p.lastPassedAt;
      if (p) {
        entry.firstOpenedAt = p.firstOpenedAt;
        entry.lastOpenedAt = p.lastOpenedAt;
      }
      // An exercise never opened has no files of the learner's: it has none in the report either.
      const files = input.omitCode ? undefined : input.files.get(exercise.id);
      if (files) entry.files = files.map((f) => ({ name: f.name, content: f.content }));
      return entry;
    }),
  );
  const report: Report = {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    pack: { id: pack.id, revision: pack.revision ?? 1, title: pack.title },
    learner: input.learner,
    device: input.device,
    createdAt: input.now,
    exercises,
  };
  if (pack.class) report.class = { id: pack.class.id, name: pack.class.name };
  if (input.omitCode) report.codeOmitted = true;
  return report;
}

/** Spaces trimmed and runs of them made one: what a name is kept as. */
function tidyName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Where a learner's name is remembered: per class (the same name for all its packs), else per pack. */
function nameKey(pack: Pack): string {
  return pack.class ? `hand-in-name:class:${pack.class.id}` : `hand-in-name:pack:${pack.id}`;
}

/**
 * The name as it will be kept for this pack, or why it cannot be: empty, too long, or (when the class asks learners
 * to pick) not on the class list. A picked name takes the list's spelling.
 */
export function checkName(
  classInfo: ClassInfo | undefined,
  name: string,
): { ok: true; name: string } | { ok: false; error: string } {
  const tidy = tidyName(name);
  const pick = 'Pick your name from the class list.';
  if (tidy === '') return { ok: false, error: classInfo?.pickName ? pick : 'Write your name first.' };
  if (tidy.length > NAME_MAX) return { ok: false, error: `A name can be at most ${NAME_MAX} characters.` };
  if (classInfo?.pickName) {
    const key = learnerKey(tidy);
    const listed = (classInfo.learners ?? []).find((n) => learnerKey(n) === key);
    if (!listed) return { ok: false, error: pick };
    return { ok: true, name: listed };
  }
  return { ok: true, name: tidy };
}

/** What the hand-in dialog shows about the pack open in it. */
export interface HandInState {
  pack: Pack;
  passed: number;
  total: number;
}

/** The QR code the dialog shows: the link's text (undefined when none fits) and a plain note about it. */
export interface HandInQr {
  text?: string;
  note?: string;
}

export function createHandIn(host: HandInHost) {
  const { store } = host;
  const [state, setState] = createSignal<HandInState | undefined>();
  const [name, setNameSignal] = createSignal('');
  const [nameError, setNameError] = createSignal<string | undefined>();
  const [qrState, setQrState] = createSignal<HandInQr | undefined>();
  const [linkText, setLinkText] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  // Names by where they are remembered (see nameKey): read by the dialog and the completion codes.
  const [names, setNames] = createSignal(new Map<string, string>());

  /** The learner's remembered name for this pack ('' when none yet). */
  async function loadName(pack: Pack): Promise<string> {
    const key = nameKey(pack);
    const known = names().get(key);
    if (known !== undefined) return known;
    let saved: string | undefined;
    try {
      const value = await store.getMeta<unknown>(key);
      if (typeof value === 'string') saved = value;
    } catch {
      // Not remembered: the learner types it again.
    }
    // A remembered name the class list no longer has is not offered as theirs.
    const checked = saved === undefined ? undefined : checkName(pack.class, saved);
    const found = checked?.ok ? checked.name : '';
    setNames((old) => new Map(old).set(key, found));
    return found;
  }

  /** The learner's name for this pack as known now ('' when none, undefined before it was loaded). */
  const nameFor = (pack: Pack): string | undefined => names().get(nameKey(pack));

  /** Keeps the learner's name for this pack (and its class); false, with the reason in `nameError`, when refused. */
  async function setName(pack: Pack, value: string): Promise<boolean> {
    const checked = checkName(pack.class, value);
    const inDialog = state()?.pack.id === pack.id;
    if (!checked.ok) {
      // What was typed stays in the dialog, so a report is never made under the name before it.
      if (inDialog) setNameSignal(value);
      setNameError(checked.error);
      return false;
    }
    setNameError(undefined);
    if (inDialog) setNameSignal(checked.name);
    setNames((old) => new Map(old).set(nameKey(pack), checked.name));
    try {
      await store.setMeta(nameKey(pack), checked.name);
    } catch {
      // Kept for now; typed again next time.
    }
    return true;
  }

  async function open(packId: string): Promise<boolean> {
    const pack = await host.getPack(packId);
    if (!pack) {
      host.notify('This lesson pack is not on this device any more.', 'error');
      return false;
    }
    let progress: ExerciseProgress[] = [];
    try {
      progress = await store.listProgress(packId);
    } catch (error) {
      host.notify(`Your progress could not be read: ${(error as Error)?.message ?? error}`, 'error');
      return false;
    }
    const ids = pack.lessons.flatMap((l) => l.exercises.map((e) => e.id));
    const passed = ids.filter((id) => exerciseState(progress.find((p) => p.exerciseId === id)) === 'passed').length;
    setNameSignal(await loadName(pack));
    setNameError(undefined);
    setQrState(undefined);
    setLinkText(undefined);
    setState({ pack, passed, total: ids.length });
    return true;
  }

  function close(): void {
    setState(undefined);
    setQrState(undefined);
    setLinkText(undefined);
    setNameError(undefined);
  }

  /** The report of a pack as it is now, under this name. */
  async function makeReport(pack: Pack, learner: string, omitCode: boolean): Promise<Report> {
    await host.flush();
    const progress = await store.listProgress(pack.id);
    const files = new Map<string, LessonFile[]>();
    if (!omitCode) {
      for (const lesson of pack.lessons) {
        for (const exercise of lesson.exercises) {
          const saved = await store.exerciseFiles(pack.id, exercise.id);
          if (saved) files.set(exercise.id, saved);
        }
      }
    }
    return buildReport({ pack, progress, files, learner, device: await store.deviceId(), now: Date.now(), omitCode });
  }

  /** The report of the open pack as it is now, or undefined (with the reason shown) when it cannot be made. */
  async function report(omitCode = false): Promise<Report | undefined> {
    const open = state();
    if (!open) return undefined;
    const checked = checkName(open.pack.class, name());
    if (!checked.ok) {
      setNameError(checked.error);
      return undefined;
    }
    try {
      return await makeReport(open.pack, checked.name, omitCode);
    } catch (error) {
      host.notify(`Your report could not be made: ${(error as Error)?.message ?? error}`, 'error');
      return undefined;
    }
  }

  /**
   * The report of a pack for class sync, under the name given for sync (else the one the learner last gave for
   * this pack); undefined when there is none (nothing goes out under a name the learner did not choose).
   */
  async function reportFor(packId: string, syncName?: string): Promise<Report | undefined> {
    const pack = await host.getPack(packId);
    if (!pack) return undefined;
    const learner = syncName?.trim() || (await loadName(pack));
    if (!learner) return undefined;
    return makeReport(pack, learner, false);
  }

  /** Runs one action at a time: a second press while a report is being made does nothing. */
  async function once<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (busy()) return undefined;
    setBusy(true);
    try {
      return await action();
    } finally {
      setBusy(false);
    }
  }

  async function saveFileNow(): Promise<boolean> {
    const made = await report();
    if (!made) return false;
    try {
      host.download(reportFileName(made), await encodeReport(made), 'application/octet-stream');
    } catch (error) {
      host.notify(`The report file could not be made: ${(error as Error)?.message ?? error}`, 'error');
      return false;
    }
    host.notify('Your report file is saved. Hand it to your teacher.');
    return true;
  }

  /** Downloads the report as a `.pyreport` file; true when it was offered to the browser. */
  async function saveFile(): Promise<boolean> {
    return (await once(saveFileNow)) ?? false;
  }

  async function linkOf(made: Report): Promise<string> {
    return host.origin + (await encodeReportLink(made));
  }

  async function linkNow(): Promise<string | undefined> {
    const made = await report();
    if (!made) return undefined;
    const text = await linkOf(made);
    setLinkText(text);
    const copied = await host.copy(text).catch(() => false);
    host.notify(
      copied
        ? 'The link is copied. Send it to your teacher.'
        : 'The link could not be copied here: select it and copy it yourself.',
    );
    return text;
  }

  /** Makes the report's link and copies it; the link stays shown (to copy by hand when the browser would not). */
  function link(): Promise<string | undefined> {
    return once(linkNow);
  }

  /**
   * The QR code's text: the report's link when a code can hold it; else the link without the learner's code when
   * that fits (the note says so); else none, and the note says to hand in the file.
   */
  function qr(): Promise<string | undefined> {
    return once(qrNow);
  }

  async function qrNow(): Promise<string | undefined> {
    // The QR library is loaded when a learner first asks for a code, not with the app.
    const { qrFits } = await import('./qr.ts');
    const full = await report();
    if (!full) return undefined;
    const text = await linkOf(full);
    if (qrFits(text)) {
      setQrState({ text });
      return text;
    }
    const small = await report(true);
    const smallText = small && (await linkOf(small));
    if (smallText && qrFits(smallText)) {
      setQrState({
        text: smallText,
        note: 'Your code is left out so that it fits in a QR code: it shows your progress only. To hand in your code too, save the report file.',
      });
      return smallText;
    }
    setQrState({ note: 'Your report is too big for a QR code. Save the report file and hand that in.' });
    return undefined;
  }

  /**
   * The completion code for an exercise: only once it has passed, in a pack handed to a class (its secret makes the
   * code), and when the learner's name for that class is known. Made for the day of the latest pass.
   */
  async function completionCode(pack: Pack, exerciseId: string): Promise<string | undefined> {
    const secret = pack.class?.secret;
    if (!secret) return undefined;
    const learner = await loadName(pack);
    if (!learner) return undefined;
    let progress: ExerciseProgress | undefined;
    try {
      progress = (await store.listProgress(pack.id)).find((p) => p.exerciseId === exerciseId);
    } catch {
      return undefined;
    }
    if (exerciseState(progress) !== 'passed') return undefined;
    const passedAt = progress?.lastPassedAt ?? progress?.firstPassedAt;
    if (passedAt === undefined) return undefined;
    return makeCompletionCode({ secret, packId: pack.id, exerciseId, learner, day: localDay(passedAt) });
  }

  return {
    /** The pack the dialog is open for, with its counts; undefined when closed. */
    state,
    /** The name in the dialog ('' until given). */
    name,
    /** Why the name was refused, shown by the name field. */
    nameError,
    /** The QR code to show, once asked for. */
    qrCode: qrState,
    /** The link made last, shown so it can be copied by hand. */
    linkText,
    /** A report is being made. */
    busy,
    open,
    close,
    setName,
    loadName,
    nameFor,
    saveFile,
    link,
    qr,
    completionCode,
    reportFor,
  };
}

export type HandIn = ReturnType<typeof createHandIn>;
