// A past run and the whole workspace, as the app moves them around (history,
// backups). Storage keeps its own records and maps to these.
import type { FileContent } from './files.ts';
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

/** Everything a backup holds: projects (not in the trash) and, optionally, their runs. */
export interface WorkspaceContents {
  projects: { name: string; main: string; files: PathFile[] }[];
  runs: (PastRun & { projectName: string })[];
}
