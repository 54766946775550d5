// A past run and the whole workspace, as the app moves them around (history,
// backups). Storage keeps its own records and maps to these.
import type { PackDraft, ReceivedReport, ReportCheck, TeacherClass } from './classroom.ts';
import type { FileContent } from './files.ts';
import type { Pack } from './lesson.ts';
import type { ShownItem } from './output.ts';
import type { RunStatus } from './run.ts';

/** A file by path, as runs and backups keep them: text, or bytes (see FileContent). */
export interface PathFile {
  path: string;
  content: FileContent;
}

/** A finished run: its code, how it ended and what it printed (capped; see history/recorder.ts). */
export interface PastRun {
  entry: string;
  startedAt: number;
  durationMs: number;
  status: RunStatus;
  errorType?: string;
  files: PathFile[];
  items: ShownItem[];
  omittedChars: number;
}

/** A project as a backup holds it. */
export interface BackedUpProject {
  name: string;
  main: string;
  files: PathFile[];
  /** The exercise whose work it holds (a project made from an exercise: restored as one, linked to it again). */
  exercise?: { packId: string; exerciseId: string };
}

/** A lesson pack on the device, as a backup holds it (the built-in course is not: every copy of the app has it). */
export interface BackedUpPack {
  pack: Pack;
  source: 'file' | 'link';
  importedAt: number;
  updatedAt: number;
}

/** The learner's progress on one exercise, as a backup holds it (without the device's own project id). */
export interface BackedUpProgress {
  packId: string;
  exerciseId: string;
  lessonId: string;
  attempts: number;
  /** Each press of Check, oldest first (the last 100). */
  checks: ReportCheck[];
  hintsShown: number;
  solutionViewedAt?: number;
  firstPassedAt?: number;
  lastPassedAt?: number;
  activeMs: number;
  firstOpenedAt: number;
  lastOpenedAt: number;
}

/**
 * Everything a backup holds: projects (not in the trash) and, optionally, their runs; the learner's lesson packs
 * and progress; the teacher's classes, the reports received, the revisions of packs handed out, and drafts.
 */
export interface WorkspaceContents {
  projects: BackedUpProject[];
  runs: (PastRun & { projectName: string })[];
  packs: BackedUpPack[];
  progress: BackedUpProgress[];
  classes: TeacherClass[];
  reports: ReceivedReport[];
  packRevisions: Pack[];
  drafts: PackDraft[];
}
