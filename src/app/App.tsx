import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { CodeEditor, type EditorApi } from '../components/CodeEditor.tsx';
import { FileTabs } from '../components/FileTabs.tsx';
import { HistoryDialog } from '../components/HistoryDialog.tsx';
import { BottomBar } from '../components/BottomBar.tsx';
import { Notice, type NoticeMessage } from '../components/Notice.tsx';
import { OutputPanel } from '../components/OutputPanel.tsx';
import { PackagesDialog } from '../components/PackagesDialog.tsx';
import { ProjectPanel } from '../components/ProjectPanel.tsx';
import { SaveStatus } from '../components/SaveStatus.tsx';
import { SettingsDialog } from '../components/SettingsDialog.tsx';
import { Toolbar } from '../components/Toolbar.tsx';
import { TrashDialog } from '../components/TrashDialog.tsx';
import type { OfflineClient } from '../offline/offline-client.ts';
import { loadFontSize, loadWrap, saveFontSize, saveWrap, stepFontSize } from '../prefs/prefs.ts';
import type { PythonRunner } from '../runner/runner-client.ts';
import { whenQuiet } from '../runner/when-quiet.ts';
import { decodeShare, shareFragment, shareUrl } from '../formats/share-link.ts';
import { freeName } from '../workspace/names.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { handleLaunch } from './launch.ts';
import { createLayout } from './layout.ts';
import { createRunSession } from './run-session.ts';
import { download, exportProject, importFiles, type Report } from './transfer.ts';

/** How long no program must run before the snapshot is made. */
const SNAPSHOT_AFTER_QUIET_MS = 4000;

/** Share links already opened in this tab session, by fragment: a reload opens the same project, not a copy. */
const OPENED_SHARES_KEY = 'playground:opened-shares';

export function App(props: {
  runner: PythonRunner;
  workspace: Workspace;
  offline: OfflineClient;
  started: Promise<void>;
}) {
  // eslint-disable-next-line solid/reactivity -- these live as long as the app
  const { runner, workspace, offline } = props;
  let editor!: EditorApi;
  const screen = createLayout();
  const phone = () => screen.layout() === 'phone';
  /** On a phone, output arrived while the code was in front. */
  const [outputNews, setOutputNews] = createSignal(false);
  const session = createRunSession({
    runner,
    workspace,
    onErrorLocation: (location) => editor.showError(location),
    onActivity: (what) => {
      // On a phone the output comes to the front when a run starts and when the program asks for input.
      if (what === 'run-start' || what === 'input') screen.show('output');
      else if (phone() && screen.view() !== 'output') setOutputNews(true);
    },
  });
  createEffect(() => screen.view() === 'output' && setOutputNews(false));
  const [phase, setPhase] = createSignal(runner.phase);
  const [pythonVersion, setPythonVersion] = createSignal('');
  const [loadError, setLoadError] = createSignal('');
  const [notice, setNotice] = createSignal<NoticeMessage>();
  const initialFontSize = loadFontSize();
  const [fontSize, setFontSize] = createSignal(initialFontSize);
  const [wrap, setWrap] = createSignal(loadWrap());
  let drawer: HTMLDialogElement | undefined;
  let settings!: HTMLDialogElement;
  let packages!: HTMLDialogElement;
  let historyDialog!: HTMLDialogElement;
  let trash!: HTMLDialogElement;

  onCleanup(runner.subscribe(setPhase));
  let snapshotRequested = false;
  runner.onReady = (info) => {
    setPythonVersion(info.pythonVersion);
    setLoadError('');
    if (info.first) {
      const { startupMs, isolated, fromSnapshot, stages } = info;
      performance.mark('python-ready', { detail: { startupMs, isolated, fromSnapshot, stages } });
    }
    // Booted the slow way: prepare a snapshot for next time, in a background worker, once no program has run
    // for a while (making it costs about as much as a start: on a 2-core laptop it would slow the first runs).
    if (!info.fromSnapshot && !snapshotRequested) {
      snapshotRequested = true;
      const make = () =>
        runner.prepareSnapshot().then(
          (bytes) => performance.mark('python-snapshot-saved', { detail: { bytes } }),
          () => {}, // no snapshot: the next start is simply a normal one
        );
      void whenQuiet(runner, SNAPSHOT_AFTER_QUIET_MS).then(() => {
        if ('requestIdleCallback' in window) requestIdleCallback(() => void make(), { timeout: 5000 });
        else void make();
      });
    }
  };
  runner.onLoadError = setLoadError;

  workspace.events.onExternalContent = (path, content) => editor.replaceContent(path, content);
  workspace.events.onProjectLoaded = () => {
    editor.reset();
    session.clear();
  };
  workspace.events.onNotice = (n) =>
    setNotice({ kind: n.kind ?? 'info', text: n.text, actions: n.action ? [n.action] : [] });

  const report = (reports: Report[]) => {
    if (reports.length)
      setNotice({
        kind: reports.some((r) => r.kind === 'error') ? 'error' : 'info',
        text: reports.map((r) => r.text).join(' '),
      });
  };

  const applyFontSize = (size: number) => {
    document.documentElement.style.setProperty('--code-size', `${size}px`);
    editor?.setTextSize(size);
  };
  applyFontSize(initialFontSize);
  const changeFont = (direction: 1 | -1) => {
    const size = stepFontSize(fontSize(), direction);
    setFontSize(size);
    saveFontSize(size);
    applyFontSize(size);
  };
  const changeWrap = (value: boolean) => {
    setWrap(value);
    saveWrap(value);
    editor.setWrap(value);
  };

  /** The learner picked or created a file in the project panel: on small screens the drawer makes way. */
  const fileChosen = (how: 'picked' | 'created') => {
    const inDrawer = drawer?.open ?? false;
    drawer?.close();
    screen.show('code');
    if (how === 'created' || inDrawer) editor.focus();
  };
  /** Opens a dialog from the project panel, which on small screens is itself in the drawer. */
  const fromPanel = (open: () => void) => () => {
    drawer?.close();
    open();
  };
  const openLocation = (file: string, line: number) => {
    screen.show('code');
    editor.goTo(file, line);
  };

  /** Opens a `#share=` link as a new project (never overwriting anything, never running it). */
  const openShareLink = async () => {
    const encoded = shareFragment(location.hash);
    if (encoded === undefined) return;
    await props.started;
    // Drop the link from the address bar once no reload is pending (a first visit reloads once).
    void offline.pythonMayStart.then(() => {
      if (location.hash.startsWith('#share=')) history.replaceState(null, '', location.pathname + location.search);
    });
    const result = decodeShare(encoded);
    if (!result.ok) {
      setNotice({ kind: 'error', text: `${result.error} Nothing was changed.` });
      return;
    }
    let opened: Record<string, string> = {};
    try {
      opened = JSON.parse(sessionStorage.getItem(OPENED_SHARES_KEY) ?? '{}') as Record<string, string>;
    } catch {
      opened = {};
    }
    const key = encoded.slice(0, 64) + encoded.length;
    const { files, main } = result.project;
    if (opened[key] && workspace.state.projects.some((p) => p.id === opened[key])) {
      if (workspace.state.projectId !== opened[key]) await workspace.openProject(opened[key]);
    } else {
      const name = main === 'main.py' ? 'Shared code' : `Shared ${main}`;
      await workspace.createAndOpen(
        name,
        files.map((f) => ({ path: f.name, content: f.content })),
        main,
        'share',
      );
      if (workspace.state.projectId) {
        opened[key] = workspace.state.projectId;
        try {
          sessionStorage.setItem(OPENED_SHARES_KEY, JSON.stringify(opened));
        } catch {
          // Only a reload in this tab could open the link twice then.
        }
      }
    }
    const count = files.length === 1 ? '1 file' : `${files.length} files`;
    setNotice({
      kind: 'info',
      text: `Opened shared code (${count}) as the new project “${workspace.state.projectName}”. Nothing has been run: press Run when you are ready.`,
    });
  };

  const share = async () => {
    const url = shareUrl(location.href, { files: workspace.snapshot(), main: workspace.state.main });
    try {
      await navigator.clipboard.writeText(url);
      setNotice({
        kind: 'info',
        text: 'A link to this code was copied. Anyone who opens it gets a copy; nothing runs until they press Run.',
      });
    } catch {
      setNotice({ kind: 'info', text: `Copy this link to share your code: ${url}` });
    }
  };

  /** Puts a past run's code back: as new files, or over the current ones (with Undo). */
  const restoreFromHistory = async (
    files: { path: string; content: string }[],
    mode: 'new-file' | 'replace',
    entry: string,
  ) => {
    historyDialog.close();
    if (mode === 'new-file') {
      const added: string[] = [];
      for (const f of files) {
        const name = freeName(
          f.path.replace(/(\.[^./]+)?$/, ' (restored)$1'),
          workspace.state.files.map((x) => x.name),
        );
        if (!(await workspace.addFile(name, f.content, added.length === 0))) added.push(name);
      }
      setNotice({ kind: 'info', text: `Restored the run's code as ${added.join(', ')}.` });
      return;
    }
    const before = new Map(files.map((f) => [f.path, workspace.content(f.path)]));
    const put = (path: string, content: string) => {
      workspace.setContent(path, content);
      editor.replaceContent(path, content);
    };
    for (const f of files) {
      if (workspace.content(f.path) === undefined) await workspace.addFile(f.path, f.content, false);
      else put(f.path, f.content);
    }
    // Show what was restored: the file that run started from (or the first one), not whatever was open.
    const shown = files.some((f) => f.path === entry) ? entry : files[0]?.path;
    if (shown) workspace.setActive(shown);
    setNotice({
      kind: 'info',
      text: `Replaced ${files.length === 1 ? files[0].path : `${files.length} files`} with the code of that run.`,
      actions: [
        {
          label: 'Undo',
          run: () => {
            for (const [path, content] of before) {
              if (content === undefined) void workspace.deleteFile(path);
              else put(path, content);
            }
            setNotice({ kind: 'info', text: 'The restore was undone.' });
          },
        },
      ],
    });
  };

  /** After Python is ready, a quick look for missing offline files (a browser may evict single entries). */
  createEffect(
    on(
      () => (phase() === 'ready' || phase() === 'failed') && offline.state().kind === 'ready',
      async (ready) => {
        if (!ready) return;
        const status = await offline.check(false);
        if (status && status.missing.length > 0) {
          setNotice({
            kind: 'error',
            text: `Part of the offline copy is missing from this device (${status.missing.length} of ${status.totalFiles} files).`,
            actions: [{ label: 'Repair now', run: () => void repair() }],
          });
        }
      },
    ),
  );

  createEffect(
    on(
      () => workspace.state.conflict,
      (conflict) => {
        if (!conflict) return;
        setNotice({
          kind: 'error',
          text: `${conflict.path} was also changed in another tab while you edited it here. Which text do you want to keep?`,
          actions: [
            { label: 'Keep mine', run: () => (void workspace.resolveConflict(true), setNotice(undefined)) },
            { label: 'Use the other tab’s', run: () => (void workspace.resolveConflict(false), setNotice(undefined)) },
          ],
        });
      },
    ),
  );

  const repair = async () => {
    if (!offline.online()) {
      setNotice({
        kind: 'error',
        text: 'Repairing the offline copy needs the network: connect to the internet and try again.',
      });
      return;
    }
    setNotice({ kind: 'info', text: 'Repairing the offline copy…' });
    const result = await offline.repair();
    if (result && result.failed.length === 0) {
      setNotice({ kind: 'info', text: `The offline copy is repaired (${result.repaired} files downloaded again).` });
      if (phase() === 'failed') {
        workspace.journal();
        location.reload();
      }
    } else {
      setNotice({ kind: 'error', text: 'The offline copy could not be repaired: check the connection and try again.' });
    }
  };

  const updateNow = () => {
    if (session.running()) return;
    offline.applyUpdate(() => workspace.journal());
  };

  const onGlobalKey = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key === 'Enter' && !event.defaultPrevented) {
      event.preventDefault();
      void session.run();
    } else if (mod && event.key === '.') {
      event.preventDefault();
      session.stop();
    }
  };

  const onDrop = (event: DragEvent) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    void importFiles(workspace, [...event.dataTransfer.files]).then(report);
  };

  const onPageHide = () => workspace.journal();
  const onVisibility = () => document.visibilityState === 'hidden' && workspace.journal();

  onMount(() => {
    window.addEventListener('hashchange', () => void openShareLink());
    window.addEventListener('keydown', onGlobalKey);
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    onCleanup(() => {
      window.removeEventListener('keydown', onGlobalKey);
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
    });
    // eslint-disable-next-line solid/reactivity -- a one-off callback once the project is loaded
    void props.started.then(() => {
      editor.setEditable(true);
      handleLaunch(workspace, (text) => setNotice({ kind: 'info', text }));
      void openShareLink();
    });
  });

  const projectPanel = () => (
    <ProjectPanel
      workspace={workspace}
      onImport={(files) => void importFiles(workspace, files).then(report)}
      onExportProject={() => exportProject(workspace)}
      onDownloadFile={(path) => download(path.split('/').pop()!, workspace.content(path) ?? '')}
      onHistory={fromPanel(() => historyDialog.showModal())}
      onTrash={fromPanel(() => trash.showModal())}
      onFileChosen={fileChosen}
    />
  );

  return (
    <div
      class="app"
      data-layout={screen.layout()}
      onDragOver={(e) => e.dataTransfer?.types.includes('Files') && e.preventDefault()}
      onDrop={onDrop}
    >
      <Toolbar
        offline={offline}
        phase={phase()}
        version={pythonVersion()}
        loadError={loadError()}
        running={session.running()}
        fontSize={fontSize()}
        withRunControls={!phone()}
        compact={screen.layout() !== 'wide'}
        onRun={() => void session.run()}
        onStop={() => session.stop()}
        onFont={changeFont}
        onShare={() => void share()}
        onRetry={() => (offline.state().kind === 'ready' ? void repair() : location.reload())}
        onSettings={() => settings.showModal()}
        onPackages={() => packages.showModal()}
        onInstallHelp={() =>
          setNotice({
            kind: 'info',
            text: 'To install Python Playground, tap Share in Safari, then “Add to Home Screen”.',
          })
        }
      />
      <SaveStatus workspace={workspace} onExport={() => exportProject(workspace)} />
      <Show when={offline.updateWaiting()}>
        <div class="notice" role="status">
          <p>
            A new version of Python Playground is ready.{' '}
            {session.running() ? 'Stop or finish your program to update.' : 'Your code stays as it is.'}
          </p>
          <button type="button" class="small primary" onClick={updateNow} disabled={session.running()}>
            Update now
          </button>
        </div>
      </Show>
      <Show when={notice()}>{(n) => <Notice message={n()} onDismiss={() => setNotice(undefined)} />}</Show>
      <main class="workbench">
        <Show when={screen.layout() === 'wide'}>{projectPanel()}</Show>
        <section
          class="editor-panel"
          id="editor-panel"
          aria-label="Editor"
          classList={{ 'phone-hidden': phone() && screen.view() !== 'code' }}
        >
          <h2 id="editor-heading" class="visually-hidden">
            Code editor
          </h2>
          <div class="file-bar">
            <Show when={screen.layout() !== 'wide'}>
              <button
                type="button"
                class="small panel-toggle"
                aria-haspopup="dialog"
                onClick={() => drawer?.showModal()}
              >
                <span aria-hidden="true">☰ </span>Files
              </button>
            </Show>
            <FileTabs workspace={workspace} />
          </div>
          <CodeEditor
            workspace={workspace}
            labelledBy="editor-heading"
            wrap={wrap()}
            textSize={initialFontSize}
            ref={(api) => (editor = api)}
            callbacks={{
              onRun: () => void session.run(),
              onStop: () => session.stop(),
              askPython: (source, offset) =>
                runner.complete(workspace.snapshot(), workspace.state.active, source, offset),
            }}
          />
        </section>
        <OutputPanel
          session={session}
          hidden={phone() && screen.view() !== 'output'}
          pythonReady={() => phase() === 'ready' || phase() === 'busy'}
          isLearnerFile={(file) => workspace.content(file) !== undefined}
          onOpenLocation={openLocation}
        />
      </main>
      <Show when={phone()}>
        <BottomBar
          view={screen.view()}
          onView={(view) => screen.show(view)}
          outputNews={outputNews()}
          running={session.running()}
          onRun={() => void session.run()}
          onStop={() => session.stop()}
        />
      </Show>
      <Show when={screen.layout() !== 'wide'}>
        <dialog
          ref={(el) => (drawer = el)}
          class="drawer"
          aria-labelledby="drawer-title"
          onClick={(e) => {
            // A click on the backdrop reaches the dialog itself, outside its box (its padding is inside).
            const r = e.currentTarget.getBoundingClientRect();
            const outside = e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom;
            if (e.target === e.currentTarget && outside) e.currentTarget.close();
          }}
        >
          <div class="dialog-head">
            <h2 id="drawer-title">Project and files</h2>
            <button type="button" class="small" aria-label="Close files" onClick={() => drawer?.close()}>
              ✕
            </button>
          </div>
          {projectPanel()}
        </dialog>
      </Show>
      <PackagesDialog
        online={offline.online}
        onSourceChanged={() => runner.restartForSettings()}
        ref={(el) => (packages = el)}
      />
      <SettingsDialog
        offline={offline}
        workspace={workspace}
        pythonVersion={pythonVersion()}
        wrap={wrap()}
        onWrap={changeWrap}
        onReport={(r) => report([r])}
        ref={(el) => (settings = el)}
      />
      <HistoryDialog
        workspace={workspace}
        onRestore={(files, mode, entry) => void restoreFromHistory(files, mode, entry)}
        onDownload={(name, text) => download(name, text)}
        ref={(el) => (historyDialog = el)}
      />
      <TrashDialog workspace={workspace} ref={(el) => (trash = el)} />
    </div>
  );
}
