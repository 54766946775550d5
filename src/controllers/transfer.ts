// Moving work in and out of the app: importing files and project zips,
// exporting a file or a project, and backing up or restoring everything.
import { decodeBackup, encodeBackup } from '../formats/backup.ts';
import { unzipFiles, zipFiles, type ArchiveFile } from '../formats/project-zip.ts';
import { MAX_BINARY_FILE_BYTES, contentFromBytes, mimeOf, sizeText } from '../model/files.ts';
import { isSafePath } from '../model/paths.ts';
import { StorageFullError } from '../storage/errors.ts';
import type { Storage } from '../storage/storage.ts';
import { freeName } from '../workspace/names.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { Report } from './notices.ts';

/** Largest single text file imported (a binary one: MAX_BINARY_FILE_BYTES). */
const MAX_IMPORT_BYTES = 10_000_000;

export type { Report } from './notices.ts';

/** Saves bytes, text or a blob as a download. */
export function download(name: string, data: Uint8Array | string | Blob, type = 'text/plain;charset=utf-8'): void {
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A file name from a project name (no slashes or odd characters). */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'project';
}

/** The main file for imported files: main.py if there is one, else the first Python file, else the first text file. */
function pickMain(files: ArchiveFile[]): string | undefined {
  const text = files.filter((f) => typeof f.content === 'string');
  return (
    text.find((f) => f.path === 'main.py')?.path ?? text.find((f) => f.path.endsWith('.py'))?.path ?? text[0]?.path
  );
}

/** Imports what the learner dropped or picked: zips become new projects, other files join the open project. */
export async function importFiles(ws: Workspace, picked: File[]): Promise<Report[]> {
  const reports: Report[] = [];
  const added: string[] = [];
  for (const file of picked) {
    if (/\.zip$/i.test(file.name)) {
      const result = unzipFiles(new Uint8Array(await file.arrayBuffer()));
      if (!result.ok) {
        reports.push({ kind: 'error', text: `${file.name}: ${result.error} Nothing was imported from it.` });
        continue;
      }
      if (result.files.length === 0) {
        reports.push({ kind: 'error', text: `${file.name} has no files a project can take: nothing was imported.` });
        continue;
      }
      const name = result.folder ?? file.name.replace(/\.zip$/i, '');
      // Run needs a text file to start: an archive of pictures or data only gets an empty main.py.
      const found = pickMain(result.files);
      const main =
        found ??
        freeName(
          'main.py',
          result.files.map((f) => f.path),
        );
      const files = found ? result.files : [{ path: main, content: '' }, ...result.files];
      await ws.createAndOpen(name, files, main, 'import');
      const skipped = result.skipped.length
        ? ` Left out ${result.skipped.length} file(s) larger than ${sizeText(MAX_BINARY_FILE_BYTES)}: ${result.skipped.join(', ')}.`
        : '';
      reports.push({ kind: 'info', text: `Imported ${file.name} as the project “${ws.state.projectName}”.${skipped}` });
      continue;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      reports.push({ kind: 'error', text: `${file.name} is larger than 10 MB: not imported.` });
      continue;
    }
    // Text joins the project as text (to edit); anything else as bytes, to read from the program.
    const content = contentFromBytes(new Uint8Array(await file.arrayBuffer()));
    if (typeof content !== 'string' && content.byteLength > MAX_BINARY_FILE_BYTES) {
      reports.push({
        kind: 'error',
        text: `${file.name} is larger than ${sizeText(MAX_BINARY_FILE_BYTES)}, the most for a file that is not text: not imported.`,
      });
      continue;
    }
    const wanted = file.name.replace(/[\\/]/g, '_');
    if (!isSafePath(wanted)) {
      reports.push({ kind: 'error', text: `${file.name} has a name that cannot be used.` });
      continue;
    }
    const name = freeName(
      wanted,
      ws.state.files.map((f) => f.name),
    );
    const problem = await ws.addFile(name, content, picked.length === 1);
    if (problem) reports.push({ kind: 'error', text: `${file.name}: ${problem}` });
    else added.push(name);
  }
  if (added.length) reports.unshift({ kind: 'info', text: `Added ${added.join(', ')} to “${ws.state.projectName}”.` });
  return reports;
}

/** Downloads the open project as a .zip (its files inside a folder named after it). */
export function exportProject(ws: Workspace): void {
  const name = safeName(ws.state.projectName);
  const files = ws.state.files.map((f) => ({ path: f.name, content: f.content }));
  download(`${name}.zip`, zipFiles(files, name), 'application/zip');
}

/** Everything in one .zip: every project as a folder (readable anywhere) and the data to restore it here. */
async function backupAll(storage: Storage, includeHistory: boolean): Promise<void> {
  const zip = await encodeBackup(await storage.exportAll(includeHistory), Date.now());
  const day = new Date().toISOString().slice(0, 10);
  download(`python-playground-backup-${day}.zip`, zip, 'application/zip');
}

/** Restores a backup made by backupAll, as new projects: nothing existing is overwritten. */
async function restoreBackup(storage: Storage, file: File): Promise<Report> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { kind: 'error', text: `${file.name} could not be read (was it moved or deleted?). Nothing was restored.` };
  }
  const decoded = await decodeBackup(bytes);
  if (!decoded.ok) return { kind: 'error', text: decoded.error };
  let restored;
  try {
    restored = await storage.importBackup(decoded.contents);
  } catch (error) {
    // importBackup takes out what it had added: the device is as it was.
    if (error instanceof StorageFullError) {
      return {
        kind: 'error',
        text: 'This backup could not be restored: this device’s storage is full. Nothing was restored. Free some space (deleting projects you no longer need, or old runs in History, helps), then try again.',
      };
    }
    const why = (error instanceof Error && error.message ? error.message : String(error)).trim();
    return {
      kind: 'error',
      text: `This backup could not be restored: ${why}${/[.!?]$/.test(why) ? '' : '.'} Nothing was restored.`,
    };
  }
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  // Only what the backup brought that was new or newer here; a backup with no lessons reads as before.
  const reports = restored.reports.added + restored.reports.replaced;
  const more = [
    restored.packs && plural(restored.packs, 'lesson pack', 'lesson packs'),
    restored.progress && `progress on ${plural(restored.progress, 'exercise', 'exercises')}`,
    restored.classes && plural(restored.classes, 'class', 'classes'),
    reports && plural(reports, 'report', 'reports'),
    restored.drafts && plural(restored.drafts, 'draft', 'drafts'),
  ].filter((part): part is string => Boolean(part));
  return {
    kind: 'info',
    text:
      `Restored ${plural(restored.projects, 'project', 'projects')} and ${restored.runs} runs from the backup.` +
      (more.length ? ` Also ${more.join(', ')}.` : ''),
  };
}

/** Moving work in and out, for the open workspace: what the UI calls. */
export function createTransfer(workspace: Workspace) {
  const storage = workspace.storage;
  return {
    /** Whether backups can be made and restored (not when storage is unavailable). */
    canBackUp: storage !== undefined,
    importFiles: (picked: File[]) => importFiles(workspace, picked),
    exportProject: () => exportProject(workspace),
    downloadFile(path: string): void {
      const content = workspace.content(path) ?? '';
      // Bytes keep their own type (a .png opens as a picture); text stays UTF-8 text.
      download(path.split('/').pop()!, content, typeof content === 'string' ? undefined : mimeOf(path));
    },
    async backUp(includeHistory: boolean): Promise<void> {
      if (!storage) return;
      await workspace.flush();
      await backupAll(storage, includeHistory);
    },
    async restore(file: File): Promise<Report> {
      if (!storage) return { kind: 'error', text: 'Backups cannot be restored in this browser mode.' };
      const report = await restoreBackup(storage, file);
      await workspace.refreshProjects();
      return report;
    },
  };
}

export type Transfer = ReturnType<typeof createTransfer>;
