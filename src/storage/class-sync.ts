// Live class sync: learners' reports replicate to a class database over CouchDB's replication protocol (PouchDB
// in the browser, CouchDB or any compatible server at the other end), so a teacher's dashboard fills in as the
// class works, with no server code of ours. The only code that touches PouchDB (IndexedDB underneath, and only
// storage/ touches IndexedDB). Off unless someone turns it on.
//
// Only report documents ever enter a replica, one per learner, device and pack:
//   _id  "report:<class code>:<pack id>:<device>"
//   { type: "pyplayground-report", classCode, report: Report, checksum, updatedAt }
// A learner writes its own documents into a local replica and pushes them; it never pulls, so it never holds a
// classmate's code. A teacher pulls the class's documents into a local replica (the dashboard works offline with
// what it last had) and never pushes. The server is not trusted: what a teacher receives is checked for shape and
// size before it is kept, and the feature reads it again as a report file would be read.
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type Report } from '../model/classroom.ts';
import { sha256 } from './hash.ts';

export interface SyncTarget {
  /** The class database, e.g. `https://school.example:6984/class-7b`. */
  url: string;
  /** Which class's reports: 1–64 of A-Z a-z 0-9 _ -. */
  classCode: string;
  role: 'learner' | 'teacher';
  username?: string;
  password?: string;
}

export type SyncStatus = {
  state: 'connecting' | 'active' | 'idle' | 'offline' | 'error' | 'stopped';
  /** The last time replication caught up (ms since 1970). */
  lastSyncedAt?: number;
  /** Why the state is 'offline' or 'error', in words that can follow "Cannot reach the class database: ". */
  error?: string;
  /** A learner's reports written but not yet sent. */
  pending?: number;
};

export interface SyncedReport {
  report: Report;
  /** The checksum the learner's app wrote with the report (not checked here: the feature compares it). */
  checksum: string;
}

export interface ClassSyncHandle {
  /** Learner: keeps the report in the replica, to be sent; nothing changes when it is the same as the last one. */
  publish(report: Report): Promise<void>;
  /** Every valid report of this class code in the local replica (for a pack, learner and device: the newest). */
  reports(): Promise<SyncedReport[]>;
  /** Stops replicating and closes the replica (its data stays on the device). */
  stop(): Promise<void>;
}

export interface ClassSyncOptions {
  /** The PouchDB constructor; by default pouchdb-browser, loaded only when sync starts. */
  PouchDB?: PouchDB.Static;
  /** The local replica's name; by default made from the role, the address and the class code. */
  localName?: string;
  onStatus?(status: SyncStatus): void;
  /** Teacher: every report of the class in the replica, after each batch of changes (and once at the start). */
  onReports?(reports: SyncedReport[]): void;
  /** The checksum a report is published with (the report file format's `reportChecksum`); by default a SHA-256 of its JSON. */
  checksum?(report: Report): Promise<string>;
  /** The page's `location.protocol` (an https page cannot reach an http address); by default this page's. */
  pageProtocol?: string;
  /** The longest wait between attempts to reach the server, in ms (default 30 s). */
  maxRetryDelayMs?: number;
}

export const REPORT_DOC_TYPE = REPORT_FORMAT;

/** What the replica accepts from the server: the report file format's bounds, as far as a document shows them. */
export const SYNC_LIMITS = {
  /** A whole document as JSON, in characters. */
  maxDocChars: 5_000_000,
  maxExercises: 2000,
  maxTextChars: 200,
} as const;

const CLASS_CODE = /^[A-Za-z0-9_-]{1,64}$/;
/** CouchDB's rule for database names. */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]{0,237}$/;
const ID = /^[A-Za-z0-9._-]{1,100}$/;
/** What the report file format writes: "sha256:" and 64 hex digits. */
const CHECKSUM = /^(sha256:)?[0-9a-f]{64}$/;
const REPORTS_DEBOUNCE_MS = 250;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function reportDocId(classCode: string, packId: string, device: string): string {
  return `report:${classCode}:${packId}:${device}`;
}

/** Why this target cannot be used, in a sentence for the person who typed it; undefined when it can. */
export function checkSyncTarget(t: SyncTarget, pageProtocol: string): string | undefined {
  const example = 'like https://school.example:6984/class-7b';
  let url: URL;
  try {
    url = new URL(t.url.trim());
  } catch {
    return `The database address must be a web address starting with http:// or https://, ${example}.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `The database address must start with http:// or https://, ${example}.`;
  if (url.username || url.password)
    return 'Put the user name and password in their own boxes, not in the database address.';
  if (url.search || url.hash)
    return `The database address cannot have ? or # in it: give just the database, ${example}.`;
  const parts = url.pathname.replace(/\/$/, '').split('/').slice(1);
  let name = '';
  try {
    name = parts.length === 1 ? decodeURIComponent(parts[0]) : '';
  } catch {
    name = '';
  }
  if (!DATABASE_NAME.test(name))
    return (
      'The database address must end with the name of one database, ' +
      `${example} (lower-case letters, digits and _ $ ( ) + -, starting with a letter).`
    );
  if (!CLASS_CODE.test(t.classCode))
    return 'The class code must be 1 to 64 letters, digits, _ or -, like 7B-python (no spaces).';
  if (t.role !== 'learner' && t.role !== 'teacher') return 'Choose whether you are a learner or the teacher.';
  if (Boolean(t.username) !== Boolean(t.password)) return 'Give both a user name and a password, or neither.';
  if (pageProtocol === 'https:' && url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    return (
      'This app is open over https, so the browser will not let it reach an http:// address. ' +
      'Serve the class database over https, or use the app from http://localhost.'
    );
  return undefined;
}

// --- what a report document must look like ------------------------------------------------------------------

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number = SYNC_LIMITS.maxTextChars): value is string =>
  typeof value === 'string' && value.length <= max;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * The report in a replicated document, when the document is one of this class's, of the right shape and size;
 * otherwise undefined. The shape here is the outline the dashboard relies on (ids, names, exercises); the feature
 * reads the report in full as the report file format does.
 */
export function readReportDoc(doc: unknown, classCode: string): SyncedReport | undefined {
  if (!isPlain(doc) || doc._deleted) return undefined;
  if (doc.type !== REPORT_DOC_TYPE || doc.classCode !== classCode) return undefined;
  if (!isText(doc.checksum) || !CHECKSUM.test(doc.checksum) || !isTime(doc.updatedAt)) return undefined;
  const report = doc.report;
  if (!isPlain(report) || report.format !== REPORT_FORMAT || report.version !== REPORT_FORMAT_VERSION) return undefined;
  const pack = report.pack;
  if (!isPlain(pack) || !isText(pack.id) || !ID.test(pack.id) || !isText(pack.title)) return undefined;
  if (typeof pack.revision !== 'number' || !Number.isInteger(pack.revision) || pack.revision < 1) return undefined;
  if (!isText(report.learner) || !report.learner.trim() || !isText(report.device) || !ID.test(report.device))
    return undefined;
  if (!isTime(report.createdAt)) return undefined;
  if (!Array.isArray(report.exercises) || report.exercises.length > SYNC_LIMITS.maxExercises) return undefined;
  if (!report.exercises.every((e) => isPlain(e) && isText(e.id) && ID.test(e.id))) return undefined;
  if (doc._id !== reportDocId(classCode, pack.id, report.device)) return undefined;
  let size: number;
  try {
    size = JSON.stringify(doc).length;
  } catch {
    return undefined;
  }
  if (size > SYNC_LIMITS.maxDocChars) return undefined;
  return { report: report as unknown as Report, checksum: doc.checksum };
}

// --- replication ----------------------------------------------------------------------------------------------

interface ReportDoc {
  _id: string;
  _rev?: string;
  type: typeof REPORT_DOC_TYPE;
  classCode: string;
  report: Report;
  checksum: string;
  updatedAt: number;
}

type ErrorLike = { status?: number; name?: string; message?: string; reason?: string };

/** What went wrong, as words that follow "Cannot reach the class database: ". */
function describeError(error: unknown): { offline: boolean; text: string } {
  const e = (error ?? {}) as ErrorLike;
  if (e.status === 401) return { offline: false, text: 'the user name or password was not accepted.' };
  if (e.status === 403) return { offline: false, text: 'this user may not use the class database.' };
  if (e.status === 404) return { offline: false, text: 'there is no database at that address.' };
  if (e.status && e.status >= 400 && e.status < 500)
    return { offline: false, text: `it answered "${e.reason ?? e.message ?? e.status}".` };
  // No answer at all (no network, the server is down): replication keeps trying.
  return { offline: true, text: 'no answer from it.' };
}

const statusOf = (error: unknown) => (error as ErrorLike | undefined)?.status;

async function defaultChecksum(report: Report): Promise<string> {
  return `sha256:${await sha256(JSON.stringify(report))}`;
}

/**
 * The device's replica of a class. The address is encoded: PouchDB takes any name with `://` in it for a remote
 * database, and kept the "replica" on the class server (where a learner's work made offline was then lost).
 */
export function replicaName(role: SyncTarget['role'], remoteUrl: string, classCode: string): string {
  return `pyplayground-class-sync:${role}:${encodeURIComponent(remoteUrl)}:${classCode}`;
}

async function loadPouchDB(): Promise<PouchDB.Static> {
  // Its own chunk: the app's first script does not carry PouchDB, and only people who turn sync on load it.
  try {
    return (await import('pouchdb-browser')).default;
  } catch {
    throw new Error('Class sync could not be loaded. Connect to the internet, reload the app and try again.');
  }
}

/**
 * Starts syncing this class. Throws when it cannot start, with a sentence for the person who asked: the target
 * cannot be used (see checkSyncTarget), or the sync code could not be loaded.
 */
export async function startClassSync(target: SyncTarget, options: ClassSyncOptions = {}): Promise<ClassSyncHandle> {
  const problem = checkSyncTarget(target, options.pageProtocol ?? globalThis.location?.protocol ?? 'http:');
  if (problem) throw new Error(problem);
  const { role, classCode } = target;
  const PouchDB = options.PouchDB ?? (await loadPouchDB());
  const url = new URL(target.url.trim());
  const remoteUrl = url.origin + url.pathname.replace(/\/$/, '');
  const localName = options.localName ?? replicaName(role, remoteUrl, classCode);
  const local = new PouchDB<ReportDoc>(localName, { auto_compaction: true });
  const remote = new PouchDB<ReportDoc>(remoteUrl, {
    // Making the database is the class database's owner's job; a learner's user may not.
    skip_setup: true,
    ...(target.username && target.password ? { auth: { username: target.username, password: target.password } } : {}),
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  const prefix = `report:${classCode}:`;
  const checksumOf = options.checksum ?? defaultChecksum;
  const maxDelay = Math.max(10, options.maxRetryDelayMs ?? 30_000);
  /** Learner: documents written and not yet seen going out, with the revision that must go. */
  const pending = new Map<string, string>();
  let status: SyncStatus = { state: 'connecting' };
  let stopped = false;
  let replication: PouchDB.Replication.Replication<ReportDoc> | undefined;
  let reportsTimer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (change: Partial<SyncStatus> & Pick<SyncStatus, 'state'>) => {
    if (stopped && change.state !== 'stopped') return;
    const next: SyncStatus = { lastSyncedAt: status.lastSyncedAt, ...change };
    if (role === 'learner') next.pending = pending.size;
    if (next.state !== 'offline' && next.state !== 'error') delete next.error;
    status = next;
    options.onStatus?.({ ...status });
  };

  // The replica holds the class's documents only (a teacher's filter keeps everything else out), but it may be
  // from an older app: read each again.
  async function reports(): Promise<SyncedReport[]> {
    const all = await local.allDocs({
      include_docs: true,
      conflicts: true,
      startkey: prefix,
      endkey: `${prefix}\uffff`,
    });
    const found: SyncedReport[] = [];
    for (const row of all.rows) {
      const doc = row.doc as (ReportDoc & { _conflicts?: string[] }) | undefined;
      if (!doc) continue;
      let best = readReportDoc(doc, classCode);
      // A learner's device that lost its replica writes its report again as a new document, which the server
      // keeps beside the old one as a conflict; the newest report is the one that counts.
      for (const rev of doc._conflicts ?? []) {
        const other = readReportDoc(await local.get(doc._id, { rev }).catch(() => undefined), classCode);
        if (other && (!best || other.report.createdAt > best.report.createdAt)) best = other;
      }
      if (best) found.push(best);
    }
    return found;
  }

  const scheduleReports = () => {
    if (!options.onReports || stopped) return;
    clearTimeout(reportsTimer);
    reportsTimer = setTimeout(() => {
      reportsTimer = undefined;
      reports().then(
        (found) => !stopped && options.onReports?.(found),
        () => {},
      );
    }, REPORTS_DEBOUNCE_MS);
  };

  const backOff = (delay: number) => {
    const next = delay ? Math.min(delay * 2, maxDelay) : Math.min(500, maxDelay);
    // Spread a class's retries, so thirty devices do not all knock at once when the server comes back.
    return Math.round(next * (0.75 + Math.random() * 0.5));
  };

  function replicate(): void {
    const common = { live: true, retry: true, back_off_function: backOff, batch_size: 50 };
    const filter = (doc: PouchDB.Core.Document<ReportDoc>) => readReportDoc(doc, classCode) !== undefined;
    // Learner: push only. Teacher: pull only, and only what passes the filter (applied as the changes arrive).
    const r: PouchDB.Replication.Replication<ReportDoc> =
      role === 'learner'
        ? local.replicate.to(remote, { ...common, filter })
        : local.replicate.from(remote, { ...common, filter });
    replication = r;
    r.on('active', () => setStatus({ state: 'active' }));
    r.on('change', (info) => {
      if (role === 'learner') {
        for (const doc of info.docs) if (pending.get(doc._id) === doc._rev) pending.delete(doc._id);
      } else scheduleReports();
    });
    r.on('paused', (error?: unknown) => {
      if (error) {
        const { offline, text } = describeError(error);
        setStatus({ state: offline ? 'offline' : 'error', error: text });
      } else setStatus({ state: 'idle', lastSyncedAt: Date.now() });
    });
    // The server refused a document (its validate_doc_update, or the user's rights): say what it said.
    r.on('denied', (error?: unknown) => {
      const e = (error ?? {}) as ErrorLike;
      const said = e.reason ?? e.message;
      setStatus({ state: 'error', error: said ? `it refused a report: ${said}` : describeError(error).text });
    });
    r.on('error', (error?: unknown) => {
      setStatus({ state: 'error', error: describeError(error).text });
    });
  }

  // The browser says the network is back: try now rather than at the end of the current wait.
  const onOnline = () => {
    if (stopped || (status.state !== 'offline' && status.state !== 'error')) return;
    replication?.cancel();
    setStatus({ state: 'connecting' });
    replicate();
  };
  globalThis.addEventListener?.('online', onOnline);

  options.onStatus?.({ ...status, ...(role === 'learner' ? { pending: 0 } : {}) });
  if (role === 'teacher') scheduleReports();
  replicate();

  return {
    async publish(report) {
      if (role !== 'learner') throw new Error('Only a learner sends reports to the class.');
      if (stopped) throw new Error('Class sync has stopped.');
      const id = reportDocId(classCode, report.pack.id, report.device);
      const checksum = await checksumOf(report);
      for (let attempt = 0; ; attempt++) {
        let existing: ReportDoc | undefined;
        try {
          existing = await local.get(id);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
        if (existing && existing.checksum === checksum) return;
        const doc: ReportDoc = {
          _id: id,
          ...(existing ? { _rev: existing._rev } : {}),
          type: REPORT_DOC_TYPE,
          classCode,
          report,
          checksum,
          updatedAt: Date.now(),
        };
        try {
          const written = await local.put(doc);
          pending.set(id, written.rev);
          // Say at once that one more is waiting (offline, no replication event may come for a while).
          setStatus({ state: status.state, error: status.error });
          return;
        } catch (error) {
          // Another tab wrote it in between: read the newest revision and write on top of it.
          if (statusOf(error) !== 409 || attempt >= 5) throw error;
        }
      }
    },
    reports,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(reportsTimer);
      globalThis.removeEventListener?.('online', onOnline);
      replication?.cancel();
      setStatus({ state: 'stopped' });
      await Promise.allSettled([local.close(), remote.close()]);
    },
  };
}
