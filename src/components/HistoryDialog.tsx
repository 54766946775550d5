import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { itemsText } from '../model/output.ts';
import { explanationElement, pictureElement } from '../output/rich-items.ts';
import type { PathFile } from '../model/history.ts';
import type { RunStatus } from '../model/run.ts';
import type { History, RunFilter, RunSummary } from '../controllers/history.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { VirtualList } from './VirtualList.tsx';

const ROW_HEIGHT = 52;
const PAGE = 60;
const STATUS_WORDS: Record<RunStatus, string> = {
  ok: 'finished',
  error: 'error',
  interrupted: 'stopped',
  restarted: 'restarted',
};

function when(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The Python files of a run, shown as its code (binary files have none to show). */
function codeFiles(files: PathFile[]): { path: string; content: string }[] {
  return files.flatMap((f) =>
    f.path.endsWith('.py') && typeof f.content === 'string' ? [{ path: f.path, content: f.content }] : [],
  );
}

/** The run history of the open project: list, filters, search, and one run's transcript and code side by side. */
export function HistoryDialog(props: {
  workspace: Workspace;
  history: History;
  /** Puts a past run's code into the project: as new files, or replacing the current ones (with undo). */
  onRestore: (files: PathFile[], mode: 'new-file' | 'replace', entry: string) => void;
  onDownload: (name: string, text: string) => void;
  ref: (dialog: HTMLDialogElement) => void;
}) {
  // eslint-disable-next-line solid/reactivity -- the workspace lives as long as the dialog
  const ws = props.workspace;
  // eslint-disable-next-line solid/reactivity -- the controller lives as long as the dialog
  const history = props.history;
  const [open, setOpen] = createSignal(false);
  const [entry, setEntry] = createSignal('');
  const [status, setStatus] = createSignal<'' | RunStatus>('');
  const [query, setQuery] = createSignal('');
  const version = history.changes;
  const [selected, setSelected] = createSignal<RunSummary>();
  const [note, setNote] = createSignal('');
  const pages = new Map<number, RunSummary[]>();
  const [pageTick, setPageTick] = createSignal(0);

  const filter = (): RunFilter => ({
    projectId: ws.state.projectId ?? '',
    entry: entry() || undefined,
    status: status() || undefined,
  });

  // The list: a count from an index, then windows of rows as they scroll into view (or search results).
  const [listing] = createResource(
    () => open() && { f: filter(), q: query().trim(), v: version() },
    async ({ f, q }) => {
      pages.clear();
      if (!history.available) return { count: 0, results: undefined as RunSummary[] | undefined };
      if (q) {
        const found = (await history.search(f.projectId, q)).filter(
          (r) => (!f.entry || r.entry === f.entry) && (!f.status || r.status === f.status),
        );
        return { count: found.length, results: found };
      }
      return { count: await history.count(f), results: undefined };
    },
  );
  const [entries] = createResource(
    () => open() && { id: ws.state.projectId, v: version() },
    async ({ id }) => (id ? history.entries(id) : []),
  );

  const loadRange = (start: number, end: number) => {
    const l = listing();
    if (!history.available || !l || l.results) return;
    for (let page = Math.floor(start / PAGE); page * PAGE < end; page++) {
      if (pages.has(page)) continue;
      pages.set(page, []);
      const f = filter();
      void history.page(f, page * PAGE, PAGE).then((rows) => {
        pages.set(page, rows);
        setPageTick((t) => t + 1);
      });
    }
  };
  const item = (index: number): RunSummary | undefined => {
    pageTick();
    const l = listing();
    if (l?.results) return l.results[index];
    return pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  };

  const [detail] = createResource(selected, async (run) => ({ run, ...(await history.details(run)) }));
  createEffect(
    on(
      () => ws.state.projectId,
      () => setSelected(undefined),
    ),
  );

  const transcriptText = () => itemsText(detail()?.items ?? []);

  return (
    <dialog
      ref={(el) => {
        props.ref(el);
        new MutationObserver(() => setOpen(el.open)).observe(el, { attributes: true, attributeFilter: ['open'] });
      }}
      class="settings history"
      aria-labelledby="history-title"
    >
      <div class="dialog-head">
        <h2 id="history-title">History of {ws.state.projectName}</h2>
        <button
          type="button"
          class="small"
          aria-label="Close history"
          onClick={(e) => e.currentTarget.closest('dialog')!.close()}
        >
          ✕
        </button>
      </div>
      <div class="history-filters">
        <label class="field">
          <span>Search code and output</span>
          <input type="search" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>File</span>
          <select value={entry()} onChange={(e) => setEntry(e.currentTarget.value)}>
            <option value="">All files</option>
            <For each={entries() ?? []}>{(name) => <option value={name}>{name}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>Result</span>
          <select value={status()} onChange={(e) => setStatus(e.currentTarget.value as RunStatus | '')}>
            <option value="">Any result</option>
            <option value="ok">Finished</option>
            <option value="error">Error</option>
            <option value="interrupted">Stopped</option>
            <option value="restarted">Restarted</option>
          </select>
        </label>
      </div>
      <p class="bar-note" role="status">
        {listing.loading
          ? 'Searching…'
          : `${listing()?.count ?? 0} ${listing()?.count === 1 ? 'run' : 'runs'}${query().trim() ? ' found' : ''}`}{' '}
        {note()}
      </p>
      <div class="history-body">
        <VirtualList
          label="Runs"
          class="run-list"
          count={listing()?.count ?? 0}
          rowHeight={ROW_HEIGHT}
          item={item}
          onRange={loadRange}
          row={(run) => (
            <Show when={run} fallback={<div class="run-row">…</div>}>
              {(r) => (
                <button
                  type="button"
                  class="run-row"
                  classList={{ selected: selected()?.id === r().id }}
                  aria-pressed={selected()?.id === r().id}
                  onClick={() => setSelected(r())}
                >
                  <span class="run-title">
                    {r().entry} · <span class={`run-status run-${r().status}`}>{STATUS_WORDS[r().status]}</span>
                    {r().errorType ? ` (${r().errorType})` : ''}
                  </span>
                  <span class="bar-note">
                    {when(r().startedAt)} · {(r().durationMs / 1000).toFixed(2)} s
                  </span>
                </button>
              )}
            </Show>
          )}
        />
        <section class="run-detail" aria-label="Selected run">
          <Show when={detail()} fallback={<p class="bar-note">Choose a run to see its output and code.</p>}>
            {(d) => (
              <>
                <div class="panel-actions">
                  <button
                    type="button"
                    class="small"
                    onClick={() => props.onRestore(d().files, 'new-file', d().run.entry)}
                  >
                    Restore code as new files
                  </button>
                  <button
                    type="button"
                    class="small"
                    onClick={() => props.onRestore(d().files, 'replace', d().run.entry)}
                  >
                    Restore code, replacing
                  </button>
                  <button
                    type="button"
                    class="small"
                    onClick={() =>
                      void navigator.clipboard.writeText(transcriptText()).then(() => setNote('Transcript copied.'))
                    }
                  >
                    Copy transcript
                  </button>
                  <button
                    type="button"
                    class="small"
                    onClick={() => props.onDownload(`run-${d().run.id}.txt`, transcriptText())}
                  >
                    Download transcript
                  </button>
                  <button
                    type="button"
                    class="small"
                    onClick={async () => {
                      await history.deleteRun(d().run.id!);
                      setSelected(undefined);
                    }}
                  >
                    Delete run
                  </button>
                </div>
                <div class="run-columns">
                  <div>
                    <h3>Output</h3>
                    <pre class="code-font run-transcript" aria-label="Run output">
                      <For each={d().items}>
                        {(item) =>
                          item.kind === 'text' ? (
                            <span class={`out-${item.stream}`}>{item.text}</span>
                          ) : item.kind === 'display' ? (
                            pictureElement(document, item)
                          ) : (
                            explanationElement(document, item)
                          )
                        }
                      </For>
                    </pre>
                  </div>
                  <div>
                    <h3>Code</h3>
                    <For each={codeFiles(d().files)}>
                      {(f) => (
                        <>
                          <h4>{f.path}</h4>
                          <pre class="code-font run-code" aria-label={`Code of ${f.path}`}>
                            {f.content}
                          </pre>
                        </>
                      )}
                    </For>
                  </div>
                </div>
              </>
            )}
          </Show>
        </section>
      </div>
      <div class="panel-actions">
        <button
          type="button"
          class="small"
          disabled={!listing()?.count}
          onClick={async () => {
            if (!ws.state.projectId) return;
            if (!confirm(`Delete all ${listing()?.count ?? 0} runs of ${ws.state.projectName}? Files are not touched.`))
              return;
            await history.clear(ws.state.projectId);
            setSelected(undefined);
          }}
        >
          Clear history
        </button>
      </div>
    </dialog>
  );
}
