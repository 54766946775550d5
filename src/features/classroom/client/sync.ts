// The class sync controller: the settings (off unless someone turns sync on), the state of the connection in
// words for people, a learner's reports on their way out and a teacher's on their way in. It is handed the
// storage module's startClassSync (a feature never imports storage), and reads what a teacher receives again
// as a report file is read: the class database is not trusted.
import { createSignal } from 'solid-js';
import { readReport, reportChecksum } from '../../../formats/report.ts';
import type { ReceivedReport, Report } from '../../../model/classroom.ts';

/** Where to sync, as storage's class sync takes it (structurally). */
export interface SyncTarget {
  url: string;
  classCode: string;
  role: 'learner' | 'teacher';
  username?: string;
  password?: string;
  /** A learner's name, as the teacher's dashboard shows it (the reports sent carry it). */
  learner?: string;
}

export type SyncStatus = {
  state: 'connecting' | 'active' | 'idle' | 'offline' | 'error' | 'stopped';
  lastSyncedAt?: number;
  error?: string;
  pending?: number;
};

/** What is kept on the device: the last target (with its password, on this device only) and whether sync is on. */
export interface SyncSettings extends SyncTarget {
  on: boolean;
}

export interface ClassSyncHandle {
  publish(report: Report): Promise<void>;
  reports(): Promise<{ report: Report; checksum: string }[]>;
  stop(): Promise<void>;
}

/** storage/class-sync.ts's startClassSync, as far as this controller uses it. */
export type StartClassSync = (
  target: SyncTarget,
  options: {
    pageProtocol?: string;
    onStatus?(status: SyncStatus): void;
    onReports?(docs: { report: Report; checksum: string }[]): void;
    checksum?(report: Report): Promise<string>;
  },
) => Promise<ClassSyncHandle>;

export interface ClassSyncHost {
  start: StartClassSync;
  settings: { load(): Promise<SyncSettings | undefined>; save(settings: SyncSettings | undefined): Promise<void> };
  /** `location.protocol`: an https page cannot reach an http database. */
  pageProtocol: string;
  /** Teacher: every report of the class the replica holds, after each change (the dashboard drops duplicates). */
  onReports(received: ReceivedReport[]): void;
  /** The clock, for "2 minutes ago" (tests set it). */
  now?(): number;
}

const MINUTE = 60_000;

/** "just now", "1 minute ago", "3 hours ago", "2 days ago". */
export function timeAgo(then: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - then) / MINUTE);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** The state of class sync, as a sentence for the learner or teacher. */
export function syncStatusText(
  status: SyncStatus | undefined,
  role: SyncTarget['role'] | undefined,
  now: number,
): string {
  if (!status || status.state === 'stopped') return 'Class sync is off.';
  switch (status.state) {
    case 'connecting':
      return 'Connecting to the class database…';
    case 'active':
      return 'Syncing with the class database…';
    case 'idle':
      return status.lastSyncedAt ? `Up to date, ${timeAgo(status.lastSyncedAt, now)}.` : 'Up to date.';
    case 'offline': {
      if (role === 'teacher')
        return 'Offline: the dashboard shows what it last received, and catches up when the network is back.';
      const waiting = status.pending ? ` (${status.pending} waiting)` : '';
      return `Offline: your progress will be sent when the network is back${waiting}.`;
    }
    case 'error':
      return `Cannot reach the class database: ${status.error ?? 'something went wrong.'}`;
  }
}

export function createClassSync(host: ClassSyncHost) {
  const clock = host.now ?? Date.now;
  const [settings, setSettings] = createSignal<SyncSettings | undefined>();
  const [status, setStatus] = createSignal<SyncStatus | undefined>();
  /** Why the last attempt to turn sync on did not work (the form shows it). */
  const [problem, setProblem] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const [now, setNow] = createSignal(clock());
  let handle: ClassSyncHandle | undefined;
  /** The role of the connection being made or made; undefined while sync is off. */
  let role: SyncTarget['role'] | undefined;
  /** Each start and stop makes a new one: what an older start reports afterwards is ignored. */
  let generation = 0;
  /** A learner's reports published before the connection exists: the newest per pack and device. */
  const waiting = new Map<string, Report>();
  /** Moves "2 minutes ago" on while sync is on. */
  let ticker: ReturnType<typeof setInterval> | undefined;

  // A plain function of signals (not a memo): reactive where it is read, and cheap.
  const statusText = () => syncStatusText(status(), settings()?.role, now());

  async function receive(docs: { report: Report; checksum: string }[], mine: number): Promise<void> {
    const receivedAt = clock();
    // Through the file reader, as report.json text: its checks on the text (size, nesting, `__proto__` keys) apply.
    const encoder = new TextEncoder();
    const read = await Promise.all(
      docs.map((doc) => readReport(encoder.encode(JSON.stringify({ ...doc.report, checksum: doc.checksum })))),
    );
    if (mine !== generation) return;
    const received = read.flatMap((r): ReceivedReport[] =>
      r.ok ? [{ report: r.report, checksum: r.checksum, tampered: r.tampered, receivedAt, via: 'sync' }] : [],
    );
    host.onReports(received);
  }

  async function connect(target: SyncTarget): Promise<string | undefined> {
    const mine = ++generation;
    role = target.role;
    setStatus({ state: 'connecting' });
    ticker ??= setInterval(() => setNow(clock()), 30_000);
    try {
      const started = await host.start(target, {
        pageProtocol: host.pageProtocol,
        checksum: reportChecksum,
        onStatus: (s) => {
          if (mine !== generation) return;
          setNow(clock());
          setStatus(s);
        },
        onReports: target.role === 'teacher' ? (docs) => void receive(docs, mine) : undefined,
      });
      if (mine !== generation) {
        await started.stop();
        return undefined;
      }
      handle = started;
      const queued = [...waiting.values()];
      waiting.clear();
      // A report that cannot be kept now goes with the learner's next change.
      if (target.role === 'learner') for (const report of queued) await started.publish(report).catch(() => {});
      return undefined;
    } catch (error) {
      if (mine !== generation) return undefined;
      const why = error instanceof Error ? error.message : String(error);
      await disconnect();
      return why;
    }
  }

  async function disconnect(): Promise<void> {
    generation++;
    const old = handle;
    handle = undefined;
    role = undefined;
    clearInterval(ticker);
    ticker = undefined;
    setStatus(undefined);
    await old?.stop().catch(() => {});
  }

  return {
    settings,
    status,
    statusText,
    problem,
    busy,
    /** Reads the settings kept on the device and reconnects when sync was on. */
    async load(): Promise<void> {
      const kept = await host.settings.load();
      setSettings(kept);
      if (kept?.on) setProblem(await connect(kept));
    },
    /** Checks the target, connects, and keeps the settings when it worked; returns why not otherwise. */
    async turnOn(target: SyncTarget): Promise<string | undefined> {
      setBusy(true);
      try {
        await disconnect();
        const cleaned: SyncTarget = {
          url: target.url.trim(),
          classCode: target.classCode.trim(),
          role: target.role,
          ...(target.username ? { username: target.username } : {}),
          ...(target.password ? { password: target.password } : {}),
          ...(target.role === 'learner' ? { learner: (target.learner ?? '').trim().replace(/\s+/g, ' ') } : {}),
        };
        if (cleaned.role === 'learner' && !cleaned.learner) {
          const why = 'Type your name, as your teacher will see it.';
          setProblem(why);
          return why;
        }
        const why = await connect(cleaned);
        setProblem(why);
        if (why) return why;
        const kept: SyncSettings = { ...cleaned, on: true };
        await host.settings.save(kept);
        setSettings(kept);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    /** Stops syncing for good (the app is closing this controller); the settings stay as they are. */
    dispose: disconnect,
    /** Stops syncing; the address stays for next time (`forget` removes it, and the password with it). */
    async turnOff(forget = false): Promise<void> {
      setBusy(true);
      try {
        waiting.clear();
        await disconnect();
        setProblem(undefined);
        const old = settings();
        const kept = forget || !old ? undefined : { ...old, on: false };
        await host.settings.save(kept);
        setSettings(kept);
      } finally {
        setBusy(false);
      }
    },
    /** Learner: sends this report to the class (kept until connected). Nothing happens when sync is off. */
    async publish(report: Report): Promise<void> {
      if (role !== 'learner') return;
      if (!handle) {
        waiting.set(`${report.pack.id}\u0000${report.device}`, report);
        return;
      }
      await handle.publish(report);
    },
  };
}

export type ClassSync = ReturnType<typeof createClassSync>;
