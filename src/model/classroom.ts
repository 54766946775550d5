// The classroom as every part of the app sees it: a class a teacher hands a pack to, the report a learner
// hands back (`.pyreport`, src/formats/report.ts), and what the teacher's dashboard keeps of reports.
// Nothing here is trusted: a report is written by whoever holds the file, so every figure made from it is
// self-reported, and the dashboard says so.
import type { LessonFile, Pack } from './lesson.ts';

/**
 * A class, as a teacher's pack carries it (`Pack.class`): who may hand in, and the secret completion codes
 * are made with. Learners see the name and the list; the secret is in the pack too, so a code proves only that
 * a copy of the app with this pack made it (see README, "Completion codes").
 */
export interface ClassInfo {
  /** Stable across the packs a teacher hands to the same class: reports are grouped by it. */
  id: string;
  /** What the teacher calls the class, e.g. `7B` or `Python club`. */
  name: string;
  /** The learners' names, when the teacher gives them (at most 200). */
  learners?: string[];
  /** Learners must pick their name from `learners` (no typing mistakes in reports). Default false. */
  pickName?: boolean;
  /** Random text (16–64 characters) completion codes are made with. */
  secret: string;
}

export const REPORT_FORMAT = 'pyplayground-report';
export const REPORT_FORMAT_VERSION = 1;

export type ReportExerciseState = 'not-started' | 'tried' | 'passed';

/** One press of Check, as a report carries it. */
export interface ReportCheck {
  /** When (ms since 1970). */
  at: number;
  passed: number;
  total: number;
  /** Titles of the checks that failed. */
  failed: string[];
  /** Exception types the learner's code raised. */
  errors: string[];
}

/** What a learner did on one exercise. */
export interface ReportExercise {
  id: string;
  lessonId: string;
  /** The exercise's title in the learner's pack (for a teacher without that revision of the pack). */
  title: string;
  state: ReportExerciseState;
  /** Presses of Check. */
  attempts: number;
  hintsShown: number;
  solutionViewedAt?: number;
  firstPassedAt?: number;
  lastPassedAt?: number;
  firstOpenedAt?: number;
  lastOpenedAt?: number;
  /** Milliseconds of active work on it. */
  activeMs: number;
  /** Each press of Check, oldest first (the last 100). */
  checks: ReportCheck[];
  /** The learner's files as they were when the report was made (absent when left out to fit a QR code). */
  files?: LessonFile[];
}

/** A learner's hand-in for one pack: what a `.pyreport` file (or a `#report=` link) holds, once read. */
export interface Report {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_FORMAT_VERSION;
  pack: { id: string; revision: number; title: string };
  /** The class the pack was handed to, when it was handed to one. */
  class?: { id: string; name: string };
  /** The name the learner chose (from the class list when the pack asks for that). */
  learner: string;
  /** A random id the app made once on the learner's device: a newer report from the same learner and device replaces the older. */
  device: string;
  /** When the report was made (ms since 1970). */
  createdAt: number;
  /** Every exercise of the pack, in the pack's order. */
  exercises: ReportExercise[];
  /** The learner's code was left out (a report small enough for a QR code). */
  codeOmitted?: boolean;
}

/** A report as the dashboard keeps it: the report, and what reading it found. */
export interface ReceivedReport {
  report: Report;
  /** `sha256:` and the hex SHA-256 of the report's content as read: the same report read twice has the same one. */
  checksum: string;
  /** The checksum in the file did not match its content: damaged, or edited by hand. Shown, marked. */
  tampered: boolean;
  /** When the dashboard received it (ms since 1970). */
  receivedAt: number;
  /** How it came: a file, a link, a QR code, or class sync. */
  via: 'file' | 'link' | 'qr' | 'sync';
}

/** A class on the teacher's device: made in Teach mode, or met in a report. */
export interface TeacherClass extends ClassInfo {
  createdAt: number;
  updatedAt: number;
}

/** What adding reports to the dashboard did. */
export interface ReportMerge {
  /** Reports from a learner and device not seen before. */
  added: number;
  /** Newer reports that replaced an older one from the same learner and device. */
  replaced: number;
  /** The same report again (the same checksum): ignored. */
  duplicates: number;
  /** Older than the one kept from that learner and device: ignored. */
  older: number;
}

/** A pack being written in Teach mode (may be unfinished: it is checked when exported). */
export interface PackDraft {
  id: string;
  pack: Pack;
  updatedAt: number;
  /** The revision last exported; the next export raises it. */
  exportedRevision?: number;
  /**
   * Opened from a pack file rather than written here (or a copy of such a draft): its code is someone else's, so
   * its checks run in the sandbox. Absent means false.
   */
  foreign?: boolean;
}

/** Lower-cased, spaces collapsed, Unicode-normalised: "  Ada  LOVELACE " and "ada lovelace" are one learner. */
export function learnerKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
