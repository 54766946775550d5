import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { ImportSummary } from './dashboard.ts';

/** A dropped folder is walked at most this far: a whole disk dropped by mistake must not hang the page. */
export const MAX_DROPPED_FILES = 5000;

function fileOf(entry: FileSystemFileEntry): Promise<File | undefined> {
  return new Promise((resolve) => entry.file(resolve, () => resolve(undefined)));
}

async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries hands out a folder's entries in batches (100 in Chrome) until it hands out none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** The files of what was dropped: files as they are, folders (and folders in them) walked. */
export async function droppedFiles(entries: FileSystemEntry[]): Promise<File[]> {
  const files: File[] = [];
  const queue = [...entries];
  while (queue.length > 0 && files.length < MAX_DROPPED_FILES) {
    const entry = queue.shift()!;
    if (entry.isFile) {
      const file = await fileOf(entry as FileSystemFileEntry);
      if (file) files.push(file);
    } else if (entry.isDirectory) queue.push(...(await readAll(entry as FileSystemDirectoryEntry)));
  }
  return files;
}

/**
 * Import reports: pick files (many at once), pick a folder, drop files or folders, or paste a report link. Shows
 * what the last import did: how many were added, replaced or already here, and each file refused with why.
 */
export function ReportImport(props: {
  busy: boolean;
  summary: ImportSummary | undefined;
  onFiles: (files: File[]) => void;
  onLink: (text: string) => void;
  onDismiss: () => void;
}) {
  const id = createUniqueId();
  const [over, setOver] = createSignal(false);
  const [link, setLink] = createSignal('');
  let filesInput!: HTMLInputElement;
  let folderInput!: HTMLInputElement;

  const take = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length > 0) props.onFiles(files);
  };

  async function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const transfer = event.dataTransfer;
    if (!transfer) return;
    // Entries must be taken before the first await: the browser empties the drop's items after the event.
    const entries = [...transfer.items]
      .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
      .filter((e): e is FileSystemEntry => !!e);
    const files = entries.length > 0 ? await droppedFiles(entries) : [...transfer.files];
    if (files.length > 0) props.onFiles(files);
  }

  return (
    <section class="report-import" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Import reports</h3>
      <div
        class="report-drop"
        classList={{ 'report-drop-over': over() }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void drop(e)}
      >
        <p class="class-note">
          Drop report files (<code>.pyreport</code>) or a folder of them here, or:
        </p>
        <div class="class-actions">
          <button type="button" class="primary" disabled={props.busy} onClick={() => filesInput.click()}>
            Choose report files
          </button>
          <button type="button" disabled={props.busy} onClick={() => folderInput.click()}>
            Choose a folder
          </button>
        </div>
        <input
          ref={filesInput}
          type="file"
          multiple
          accept=".pyreport,.json,.zip"
          hidden
          aria-label="Report files"
          onChange={(e) => {
            take(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <input
          ref={(el) => {
            folderInput = el;
            // Not in Solid's JSX types: set as attributes, which is what browsers read.
            el.setAttribute('webkitdirectory', '');
            el.setAttribute('directory', '');
          }}
          type="file"
          multiple
          hidden
          aria-label="A folder of reports"
          onChange={(e) => {
            take(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <form
        class="report-link"
        onSubmit={(e) => {
          e.preventDefault();
          if (link().trim()) props.onLink(link().trim());
          setLink('');
        }}
      >
        <label>
          Report link
          <input
            type="text"
            inputmode="url"
            placeholder="https://…#report=…"
            autocomplete="off"
            value={link()}
            onInput={(e) => setLink(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={props.busy}>
          Add
        </button>
      </form>
      <div class="report-summary" role="status" aria-live="polite">
        <Show when={props.busy}>
          <p>Reading reports…</p>
        </Show>
        <Show when={!props.busy && props.summary}>
          {(s) => (
            <div class="report-summary-box">
              <p>{s().text}</p>
              <Show when={s().refused.length > 0}>
                <p class="class-note">Not read:</p>
                <ul class="report-refused">
                  <For each={s().refused}>
                    {(f) => (
                      <li>
                        <strong>{f.name}</strong>: {f.error}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={s().tampered.length > 0}>
                <p class="class-note">
                  Edited or damaged (their checksum does not match: shown, marked): {s().tampered.join(', ')}
                </p>
              </Show>
              <button type="button" class="small" onClick={() => props.onDismiss()}>
                Hide this summary
              </button>
            </div>
          )}
        </Show>
      </div>
    </section>
  );
}
