// The teacher's class dashboard: the classes on this device, the reports learners handed in (files, links, QR
// codes, class sync), the table made from them, the CSV, completion codes, and a learner's code next to the
// solution. Everything stays on the teacher's device, through the store it is handed. Components render what it
// holds and call its methods.
import { batch, createMemo, createSignal } from 'solid-js';
import { decodeReportLink, REPORT_LINK_PREFIX, type ReportRead } from '../../../formats/report.ts';
import {
  learnerKey,
  type PackDraft,
  type ReceivedReport,
  type ReportMerge,
  type TeacherClass,
} from '../../../model/classroom.ts';
import type { LessonFile, Pack } from '../../../model/lesson.ts';
import { localDay, verifyCompletionCode } from '../shared/completion-code.ts';
import {
  buildClassTable,
  classCsv,
  progressOverTime,
  sortRows,
  type ClassCell,
  type ClassSortKey,
  type SortDirection,
} from './class-table.ts';
import { hasCode, leanReport } from './lean-report.ts';
import { readReportFiles } from './report-reader.ts';

/** What the dashboard keeps (the storage module, structurally: features never import storage). */
export interface DashboardStore {
  listClasses(): Promise<TeacherClass[]>;
  getClass(id: string): Promise<TeacherClass | undefined>;
  deleteClass(id: string): Promise<void>;
  /** `kept`, when given, receives the reports of `list` that storage keeps. */
  addReports(list: ReceivedReport[], kept?: ReceivedReport[]): Promise<ReportMerge>;
  listReports(classId: string): Promise<ReceivedReport[]>;
  /** One report whole (with the learner's code), by class, pack, learner and device. */
  getReport(classId: string, packId: string, learner: string, device: string): Promise<ReceivedReport | undefined>;
  countReports(classId: string): Promise<number>;
  clearReports(classId: string): Promise<number>;
  getPackRevision(id: string, revision: number): Promise<Pack | undefined>;
  listPackRevisions(id: string): Promise<Pack[]>;
  /** Packs written in Teach mode: those handed to a class are its packs before any report comes back. */
  listDrafts?(): Promise<PackDraft[]>;
  /** What other tabs changed (storage's notices; only the kinds the dashboard reads are looked at). */
  changes?: { subscribe(listener: (notice: { kind: string; classId?: string }) => void): () => void };
}

export interface DashboardHost {
  store: DashboardStore | undefined;
  notify(text: string, kind?: 'info' | 'error'): void;
  download(name: string, data: string | Uint8Array, type?: string): void;
  /** Asks the teacher a yes/no question; true to go ahead. */
  confirm(question: string): boolean;
}

/** Where reports of a pack handed to no class are kept (storage's class id for them). */
export const NO_CLASS = '';
/** File name endings read as reports; anything else in a folder is listed as skipped. */
export const REPORT_EXTENSIONS = ['.pyreport', '.json', '.zip'];
/** Completion codes are checked against the last this many days (the learner's device's days). */
export const CODE_DAYS = 14;

/** A class to pick: one set up on this device or met in a report, or the reports handed to no class. */
export interface ClassChoice {
  id: string;
  name: string;
}

/** A pack the class handed reports in for. */
export interface PackChoice {
  id: string;
  title: string;
  reports: number;
  /** When its newest report was made. */
  latest: number;
}

/** What one import did, for the page to show. */
export interface ImportSummary {
  merge: ReportMerge;
  /** Read, kept and marked: their checksum did not match (damaged, or edited by hand). */
  tampered: string[];
  /** Not reports, or not readable: the file's name and the reader's message. */
  refused: { name: string; error: string }[];
  /** Not read: their names do not end as report files do. */
  skipped: string[];
  text: string;
}

/** A learner's code for one exercise next to the solution (from the pack revision their report was made with). */
export interface OpenedCell {
  learner: string;
  deviceShort: string;
  revision: number;
  exerciseId: string;
  title: string;
  cell: ClassCell;
  tampered: boolean;
  /** The learner's files; absent when the report has none. */
  files?: LessonFile[];
  /** Why there is no code to show. */
  filesNote?: string;
  solution?: LessonFile[];
  /** Why there is no solution to show. */
  solutionNote?: string;
}

export type VerifyOutcome =
  | { ok: true; matches: { exerciseId: string; title: string; day: string }[]; text: string }
  | { ok: false; text: string };

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** "12 reports added, 3 replaced older ones, 2 were already here; 1 file could not be read: a.pyreport." */
export function importSummaryText(s: Pick<ImportSummary, 'merge' | 'tampered' | 'refused' | 'skipped'>): string {
  const { added, replaced, duplicates, older } = s.merge;
  const first: string[] = [];
  if (added > 0) first.push(`${added} ${plural(added, 'report', 'reports')} added`);
  if (replaced > 0) first.push(`${replaced} ${plural(replaced, 'replaced an older one', 'replaced older ones')}`);
  if (duplicates > 0) first.push(`${duplicates} ${plural(duplicates, 'was', 'were')} already here`);
  if (older > 0) first.push(`${older} ${plural(older, 'was older than the one', 'were older than the ones')} kept`);
  if (first.length === 0) first.push('No reports were added');
  const clauses = [first.join(', ')];
  const t = s.tampered.length;
  if (t > 0) clauses.push(`${t} ${plural(t, 'was', 'were')} edited or damaged (shown, marked)`);
  const r = s.refused.length;
  if (r > 0) {
    clauses.push(`${r} ${plural(r, 'file', 'files')} could not be read: ${s.refused.map((f) => f.name).join(', ')}`);
  }
  const k = s.skipped.length;
  if (k > 0) clauses.push(`${k} ${plural(k, 'file was', 'files were')} skipped (not reports): ${s.skipped.join(', ')}`);
  return `${clauses.join('; ')}.`;
}

function isReportName(name: string): boolean {
  const lower = name.toLowerCase();
  return REPORT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** A file's name as the teacher knows it: with its folder when it came in a folder. */
function nameOf(file: File): string {
  return file.webkitRelativePath || file.name;
}

/** A name for a downloaded file that every system accepts. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '-').slice(0, 150);
}

/** "2025-03-12" as a teacher reads it: "Wed 12 Mar". */
export function dayWords(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
}

export function createDashboard(host: DashboardHost) {
  const { store } = host;
  const [classes, setClasses] = createSignal<ClassChoice[]>([]);
  const [classId, setClassId] = createSignal<string | undefined>();
  const [teacherClass, setTeacherClass] = createSignal<TeacherClass | undefined>();
  const [reports, setReports] = createSignal<ReceivedReport[]>([]);
  const [chosenPack, setChosenPack] = createSignal<string | undefined>();
  const [revisions, setRevisions] = createSignal<Pack[]>([]);
  const [sort, setSortState] = createSignal<{ by: ClassSortKey; direction: SortDirection }>({
    by: 'name',
    direction: 'ascending',
  });
  const [importing, setImporting] = createSignal(false);
  const [lastImport, setLastImport] = createSignal<ImportSummary | undefined>();
  const [syncNote, setSyncNote] = createSignal<string | undefined>();
  const [opened, setOpened] = createSignal<OpenedCell | undefined>();
  const [loading, setLoading] = createSignal(true);

  const [handedOut, setHandedOut] = createSignal<PackChoice[]>([]);
  const packs = createMemo((): PackChoice[] => {
    const byId = new Map<string, PackChoice>();
    // Handed out to this class from Teach mode: shown (and its codes checkable) before any report comes back.
    for (const handed of handedOut()) byId.set(handed.id, { ...handed });
    for (const { report } of reports()) {
      const old = byId.get(report.pack.id);
      if (old && old.reports === 0) Object.assign(old, { reports: 1, latest: report.createdAt });
      else if (!old)
        byId.set(report.pack.id, {
          id: report.pack.id,
          title: report.pack.title,
          reports: 1,
          latest: report.createdAt,
        });
      else {
        old.reports++;
        // The title of the newest report: a pack's title may change between revisions.
        if (report.createdAt > old.latest) Object.assign(old, { latest: report.createdAt, title: report.pack.title });
      }
    }
    return [...byId.values()].sort((a, b) => b.latest - a.latest);
  });

  /** The chosen pack, or the one with the most recent report. */
  const packId = createMemo(() => {
    const list = packs();
    const chosen = chosenPack();
    return list.some((p) => p.id === chosen) ? chosen : list[0]?.id;
  });
  const pack = () => packs().find((p) => p.id === packId());
  const packReports = createMemo(() => reports().filter((r) => r.report.pack.id === packId()));
  const table = createMemo(() => buildClassTable(packReports(), revisions()));
  const rows = createMemo(() => sortRows(table().rows, sort().by, sort().direction));
  const progress = createMemo(() => progressOverTime(packReports()));

  function fail(what: string, error: unknown): void {
    // By name: this layer may not import storage's error classes.
    const full = (error as Error | undefined)?.name === 'StorageFullError';
    host.notify(
      full
        ? `${what}: this device’s storage is full. Free some space (clearing an old class’s reports here helps), then add them again.`
        : `${what}: ${(error as Error)?.message ?? error}`,
      'error',
    );
  }

  async function loadRevisions(id: string | undefined): Promise<void> {
    if (!store || id === undefined) {
      setRevisions([]);
      return;
    }
    try {
      const list = await store.listPackRevisions(id);
      // The pack may have changed while they were read.
      // A new empty list would build and draw the whole table again for nothing.
      if (packId() === id && (list.length > 0 || revisions().length > 0)) setRevisions(list);
    } catch (error) {
      setRevisions([]);
      fail('The pack could not be read from this device', error);
    }
  }

  async function loadClasses(): Promise<ClassChoice[]> {
    if (!store) return [];
    const list = (await store.listClasses())
      .map((c): ClassChoice => ({ id: c.id, name: c.name }))
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    if ((await store.countReports(NO_CLASS)) > 0) list.push({ id: NO_CLASS, name: 'Not handed to a class' });
    setClasses(list);
    return list;
  }

  /** Shows a class: its reports, and the pack with the most recent one (or `packToShow`). */
  async function selectClass(id: string | undefined, packToShow?: string, known?: ReceivedReport[]): Promise<void> {
    if (!store) return;
    try {
      const [found, list, drafts] =
        id === undefined
          ? [undefined, [], []]
          : await Promise.all([store.getClass(id), known ?? store.listReports(id), store.listDrafts?.() ?? []]);
      const handed = drafts
        .filter((d) => d.exportedRevision !== undefined && d.pack.class?.id === id)
        .map((d): PackChoice => ({ id: d.pack.id, title: d.pack.title, reports: 0, latest: d.updatedAt }));
      batch(() => {
        setHandedOut(handed);
        setClassId(id);
        setTeacherClass(found);
        setReports(list.map(leanReport));
        if (packToShow !== undefined) setChosenPack(packToShow);
        setOpened(undefined);
      });
      // Read again each time: Teach mode may have exported a revision since.
      await loadRevisions(packId());
    } catch (error) {
      fail('The class could not be read from this device', error);
    }
  }

  async function selectPack(id: string): Promise<void> {
    setChosenPack(id);
    setOpened(undefined);
    await loadRevisions(packId());
  }

  async function load(): Promise<void> {
    setLoading(true);
    try {
      const list = await loadClasses();
      const keep = list.find((c) => c.id === classId());
      await selectClass(keep?.id ?? list[0]?.id);
    } catch (error) {
      fail('Your classes could not be read from this device', error);
    } finally {
      setLoading(false);
    }
  }

  /** After reports came in: show the class most of them are for, unless the one shown got some. */
  async function refreshAfter(added: ReceivedReport[], kept?: ReceivedReport[]): Promise<void> {
    const count = new Map<string, number>();
    for (const r of added) {
      const id = r.report.class?.id ?? NO_CLASS;
      count.set(id, (count.get(id) ?? 0) + 1);
    }
    const current = classId();
    const target =
      current !== undefined && count.has(current) ? current : [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
    await loadClasses();
    if (target === undefined) return;
    const packsIn = new Set(
      added.filter((r) => (r.report.class?.id ?? NO_CLASS) === target).map((r) => r.report.pack.id),
    );
    // One pack in what came: show it. Several: keep the teacher's choice.
    const show = packsIn.size === 1 ? [...packsIn][0] : undefined;
    await selectClass(target, target === current && show === undefined ? undefined : show, await known(target, kept));
  }

  /**
   * The class's reports worked out from what it showed and what storage just kept, or undefined to read them: 200
   * reports read back right after they were written cost a second. Storage's count of the class says whether the
   * reckoning is whole (class sync may have added some meanwhile).
   */
  async function known(target: string, kept: ReceivedReport[] | undefined): Promise<ReceivedReport[] | undefined> {
    if (!kept || !store) return undefined;
    const key = (r: ReceivedReport) =>
      `${r.report.pack.id}\u0000${learnerKey(r.report.learner)}\u0000${r.report.device}`;
    const byKey = new Map(target === classId() ? reports().map((r) => [key(r), r]) : []);
    for (const r of kept) if ((r.report.class?.id ?? NO_CLASS) === target) byKey.set(key(r), r);
    if ((await store.countReports(target)) !== byKey.size) return undefined;
    // In storage's order, as a read would give them.
    return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  }

  function noStore(): boolean {
    if (store) return false;
    host.notify('Reports cannot be kept: this browser is not letting the app store anything on this device.', 'error');
    return true;
  }

  /** Adds reports that were read; returns what storage did with them. */
  async function keep(list: ReceivedReport[]): Promise<ReportMerge | undefined> {
    if (list.length === 0) return { added: 0, replaced: 0, duplicates: 0, older: 0 };
    try {
      const kept: ReceivedReport[] = [];
      const merge = await store!.addReports(list, kept);
      await refreshAfter(list, kept);
      return merge;
    } catch (error) {
      fail('The reports could not be saved on this device. Nothing was changed', error);
      return undefined;
    }
  }

  function finish(summary: Omit<ImportSummary, 'text'>): ImportSummary {
    const done = { ...summary, text: importSummaryText(summary) };
    setLastImport(done);
    return done;
  }

  /**
   * Reads report files (many at once, or a folder's files): `.pyreport`, `.json` and `.zip` are read, anything
   * else is listed as skipped. Each file is read and checked before anything is kept; a damaged or edited one is
   * kept and marked.
   */
  async function importFiles(files: File[]): Promise<ImportSummary | undefined> {
    if (noStore() || importing()) return undefined;
    setImporting(true);
    try {
      const skipped = files.filter((f) => !isReportName(f.name)).map(nameOf);
      const wanted = files.filter((f) => isReportName(f.name));
      const refused: ImportSummary['refused'] = [];
      const read: { name: string; got: Extract<ReportRead, { ok: true }> }[] = [];
      const results = await readReportFiles(wanted);
      results.forEach((got, i) => {
        const name = nameOf(wanted[i]);
        if (got.ok) read.push({ name, got });
        else refused.push({ name, error: got.error });
      });
      const now = Date.now();
      const list = read.map(({ got }): ReceivedReport => ({
        report: got.report,
        checksum: got.checksum,
        tampered: got.tampered,
        receivedAt: now,
        via: 'file',
      }));
      const merge = await keep(list);
      if (!merge) return undefined;
      return finish({ merge, tampered: read.filter((r) => r.got.tampered).map((r) => r.name), refused, skipped });
    } finally {
      setImporting(false);
    }
  }

  async function importEncoded(text: string, via: 'link' | 'qr'): Promise<ImportSummary | undefined> {
    if (noStore()) return undefined;
    const name = via === 'qr' ? 'QR code' : 'Link';
    const at = text.indexOf(REPORT_LINK_PREFIX);
    if (at < 0) {
      return finish({
        merge: { added: 0, replaced: 0, duplicates: 0, older: 0 },
        tampered: [],
        refused: [{ name, error: `This is not a report ${via === 'qr' ? 'QR code' : 'link'}.` }],
        skipped: [],
      });
    }
    const got = await decodeReportLink(text.slice(at + REPORT_LINK_PREFIX.length).trim());
    if (!got.ok) {
      return finish({
        merge: { added: 0, replaced: 0, duplicates: 0, older: 0 },
        tampered: [],
        refused: [{ name, error: got.error }],
        skipped: [],
      });
    }
    const merge = await keep([
      { report: got.report, checksum: got.checksum, tampered: got.tampered, receivedAt: Date.now(), via },
    ]);
    if (!merge) return undefined;
    return finish({
      merge,
      tampered: got.tampered ? [`${name} from ${got.report.learner}`] : [],
      refused: [],
      skipped: [],
    });
  }

  /** A `#report=` link: the whole address, its fragment, or what follows `#report=`. */
  const importLink = (fragment: string) =>
    importEncoded(fragment.includes(REPORT_LINK_PREFIX) ? fragment : REPORT_LINK_PREFIX + fragment, 'link');
  /** What a scanned QR code holds (a link ending in `#report=…`). */
  const importQr = (text: string) => importEncoded(text, 'qr');

  /** Reports that came through class sync: kept like the others, without a summary in the way. */
  async function addSynced(list: ReceivedReport[]): Promise<void> {
    if (!store || list.length === 0) return;
    try {
      const merge = await store.addReports(list);
      const changed = merge.added + merge.replaced;
      if (changed === 0) return;
      const current = classId();
      await loadClasses();
      if (current === undefined) await refreshAfter(list);
      else if (list.some((r) => (r.report.class?.id ?? NO_CLASS) === current)) await selectClass(current);
      setSyncNote(
        `Class sync: ${changed} ${plural(changed, 'report', 'reports')} received at ${new Date().toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}.`,
      );
    } catch (error) {
      fail('Reports from class sync could not be saved on this device', error);
    }
  }

  /**
   * Follows other tabs: reports added or cleared there, or a class made there, show here too (a teacher may
   * import in one window and look in another). Returns how to stop.
   */
  function listen(): () => void {
    if (!store?.changes) return () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shownChanged = false;
    const refresh = async () => {
      timer = undefined;
      const current = classId();
      const again = shownChanged;
      shownChanged = false;
      try {
        const list = await loadClasses();
        const keep = list.find((c) => c.id === current)?.id ?? list[0]?.id;
        if (again || keep !== current) await selectClass(keep);
      } catch (error) {
        fail('What another window changed could not be read from this device', error);
      }
    };
    // eslint-disable-next-line solid/reactivity -- a notice is an event: the class shown is read when it comes
    const unsubscribe = store.changes.subscribe((notice) => {
      if (notice.kind !== 'classes' && notice.kind !== 'reports') return;
      if (notice.kind === 'reports' && notice.classId === classId()) shownChanged = true;
      // A batch's notices (one a class) come one by one: one refresh for them all.
      timer ??= setTimeout(() => void refresh(), 50);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }

  /** Removes a class's reports from this device, after asking. */
  async function clearClass(id: string): Promise<boolean> {
    if (!store) return false;
    const name = classes().find((c) => c.id === id)?.name ?? 'this class';
    const ok = host.confirm(
      `Remove every report of “${name}” from this device? The class stays; learners can hand their reports in again.`,
    );
    if (!ok) return false;
    try {
      const removed = await store.clearReports(id);
      host.notify(`${removed} ${plural(removed, 'report', 'reports')} of “${name}” removed from this device.`);
      setLastImport(undefined);
      await loadClasses();
      if (classId() === id) await selectClass(id);
      return true;
    } catch (error) {
      fail('The reports could not be removed', error);
      return false;
    }
  }

  /** Sorts by a column; the same column again turns the order round. */
  function sortBy(by: ClassSortKey): void {
    const same = (a: ClassSortKey, b: ClassSortKey) =>
      typeof a === 'string' || typeof b === 'string' ? a === b : a.exercise === b.exercise;
    const now = sort();
    if (same(now.by, by)) setSortState({ by, direction: now.direction === 'ascending' ? 'descending' : 'ascending' });
    // Names read A to Z first; numbers and progress the most first, which is what a teacher looks for.
    else setSortState({ by, direction: by === 'name' ? 'ascending' : 'descending' });
  }

  function exportCsv(): void {
    const t = table();
    if (t.rows.length === 0) {
      host.notify('There are no reports to export yet.');
      return;
    }
    const className = classes().find((c) => c.id === classId())?.name ?? 'Class';
    const name = safeFileName(`${className} - ${pack()?.title ?? 'pack'} - progress (self-reported).csv`);
    // The byte order mark tells spreadsheet programs the file is UTF-8 (accents in names survive).
    host.download(name, `\uFEFF${classCsv(t)}`, 'text/csv;charset=utf-8');
  }

  /** Checks a completion code a learner shows, against the chosen pack's exercises over the last 14 days. */
  async function verifyCode(typed: string, learner: string): Promise<VerifyOutcome> {
    const c = teacherClass();
    const id = packId();
    if (!c || !c.secret) {
      return {
        ok: false,
        text: 'Codes can be checked only for a class set up on this device in Teach mode: this one’s secret is not here.',
      };
    }
    if (id === undefined) return { ok: false, text: 'Choose a pack first: no reports for this class yet.' };
    if (!learner.trim()) return { ok: false, text: 'Type the learner’s name as it is in their pack.' };
    const today = new Date();
    const days = Array.from({ length: CODE_DAYS }, (_, i) =>
      // Noon: the day stays the same whatever a clock change does to the hours.
      localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - i, 12)),
    );
    const exercises = table().columns.map((col) => ({ id: col.id, title: col.title }));
    let got = await verifyCompletionCode(typed, { secret: c.secret, packId: id, exercises, learner, days });
    if (!got.ok && got.reason === 'malformed') {
      return { ok: false, text: 'That is not a completion code: it is two words and a number, like maple-river-42.' };
    }
    // Not the pack shown: the class's other packs are tried too, as a learner reads out a code without saying which.
    let packTitle = '';
    for (const other of got.ok ? [] : packs().filter((p) => p.id !== id)) {
      got = await verifyCompletionCode(typed, {
        secret: c.secret,
        packId: other.id,
        exercises: await exercisesOf(other.id),
        learner,
        days,
      });
      if (got.ok) {
        packTitle = ` of “${other.title}”`;
        break;
      }
    }
    if (!got.ok) {
      const which = packs().length > 1 ? 'of this class’s packs' : `of “${pack()?.title ?? id}”`;
      return {
        ok: false,
        text: `This code does not match ${learner.trim()} on any exercise ${which} in the last ${CODE_DAYS} days. Check the name is spelt as in their pack.`,
      };
    }
    const said = got.matches.map((m) => `“${m.title}”${packTitle} on ${dayWords(m.day)}`).join(', or ');
    return {
      ok: true,
      matches: got.matches,
      text: `The code matches: ${learner.trim()} passed ${said} (self-reported: their copy of the app ran the checks that day).`,
    };
  }

  /** A pack's exercises, from its newest revision on this device, else from the reports made with it. */
  async function exercisesOf(id: string): Promise<{ id: string; title: string }[]> {
    const byId = new Map<string, string>();
    const newest = (await store?.listPackRevisions(id).catch(() => []))?.at(-1);
    for (const e of newest?.lessons.flatMap((l) => l.exercises) ?? []) byId.set(e.id, e.title);
    for (const { report } of reports()) {
      if (report.pack.id !== id) continue;
      for (const e of report.exercises) if (!byId.has(e.id)) byId.set(e.id, e.title);
    }
    return [...byId].map(([exerciseId, title]) => ({ id: exerciseId, title }));
  }

  /** Opens a learner's code for an exercise next to the solution of the revision their report was made with. */
  async function openCell(rowKey: string, exerciseId: string): Promise<void> {
    const t = table();
    const row = t.rows.find((r) => r.key === rowKey);
    const j = t.columns.findIndex((c) => c.id === exerciseId);
    if (!row || j < 0) return;
    const received = packReports().find((r) => `${learnerKey(r.report.learner)}\u0000${r.report.device}` === rowKey);
    const exercise = received?.report.exercises.find((e) => e.id === exerciseId);
    const cell = row.cells[j];
    const base: OpenedCell = {
      learner: row.learner,
      deviceShort: row.deviceShort,
      revision: row.revision,
      exerciseId,
      title: exercise?.title ?? t.columns[j].title,
      cell,
      tampered: row.tampered,
    };
    // The dashboard keeps reports without code in memory: the code is read from storage now.
    let files = exercise?.files;
    if (received && !files?.length && hasCode(received, exerciseId) && store) {
      const r = received.report;
      try {
        const whole = await store.getReport(r.class?.id ?? NO_CLASS, r.pack.id, r.learner, r.device);
        files = whole?.report.exercises.find((e) => e.id === exerciseId)?.files;
      } catch (error) {
        fail('Their code could not be read from this device', error);
      }
    }
    if (cell.state === 'absent')
      base.filesNote = `This exercise is not in their version of the pack (revision ${row.revision}).`;
    else if (files?.length) base.files = files;
    else if (received?.report.codeOmitted) base.filesNote = 'This report came without code (to fit in a QR code).';
    else base.filesNote = 'Their report has no code for this exercise.';

    let solution: Pack | undefined;
    try {
      solution = store && packId() !== undefined ? await store.getPackRevision(packId()!, row.revision) : undefined;
    } catch {
      // Said below, as for a revision that is not here.
    }
    if (!solution) {
      base.solutionNote = `You do not have revision ${row.revision} of this pack on this device, so its solution cannot be shown.`;
    } else {
      const found = solution.lessons.flatMap((l) => l.exercises).find((e) => e.id === exerciseId);
      if (!found) base.solutionNote = `Revision ${row.revision} of the pack does not have this exercise.`;
      else if (!found.solution?.length) base.solutionNote = 'The pack has no solution for this exercise.';
      else base.solution = found.solution;
    }
    setOpened(base);
  }

  return {
    loading,
    classes,
    classId,
    teacherClass,
    packs,
    packId,
    pack,
    table,
    rows,
    sort,
    progress,
    importing,
    lastImport,
    syncNote,
    opened,
    load,
    selectClass,
    selectPack,
    sortBy,
    importFiles,
    importLink,
    importQr,
    addSynced,
    listen,
    clearClass,
    exportCsv,
    verifyCode,
    openCell,
    closeCell: () => setOpened(undefined),
    dismissImport: () => setLastImport(undefined),
  };
}

export type Dashboard = ReturnType<typeof createDashboard>;
