import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { CodeEditor, type EditorApi } from '../components/CodeEditor.tsx';
import { FileTabs } from '../components/FileTabs.tsx';
import { Notice, type NoticeMessage } from '../components/Notice.tsx';
import { OutputPanel } from '../components/OutputPanel.tsx';
import { PackagesDialog } from '../components/PackagesDialog.tsx';
import { SettingsDialog } from '../components/SettingsDialog.tsx';
import { Toolbar } from '../components/Toolbar.tsx';
import { loadFontSize, saveFontSize, stepFontSize } from '../prefs/prefs.ts';
import type { OfflineClient } from '../offline/offline-client.ts';
import type { PythonRunner } from '../runner/runner-client.ts';
import { decodeShare, shareFragment, shareUrl } from '../share/share-link.ts';
import type { Project } from '../workspace/project.ts';
import { stashProject } from '../workspace/session-stash.ts';
import { handleLaunch } from './launch.ts';
import { createRunSession } from './run-session.ts';

export function App(props: { runner: PythonRunner; project: Project; offline: OfflineClient }) {
  // eslint-disable-next-line solid/reactivity -- these live as long as the app
  const { runner, project, offline } = props;
  let editor!: EditorApi;
  const session = createRunSession({ runner, project, onErrorLocation: (location) => editor.showError(location) });
  const [phase, setPhase] = createSignal(runner.phase);
  const [pythonVersion, setPythonVersion] = createSignal('');
  const [loadError, setLoadError] = createSignal('');
  const [notice, setNotice] = createSignal<NoticeMessage>();
  const initialFontSize = loadFontSize();
  const [fontSize, setFontSize] = createSignal(initialFontSize);
  let settings!: HTMLDialogElement;
  let packages!: HTMLDialogElement;

  onCleanup(runner.subscribe(setPhase));
  runner.onReady = (info) => {
    setPythonVersion(info.pythonVersion);
    setLoadError('');
    if (info.first) {
      performance.mark('python-ready', { detail: { startupMs: info.startupMs, isolated: info.isolated } });
    }
  };
  runner.onLoadError = setLoadError;

  const applyFontSize = (size: number) => {
    document.documentElement.style.setProperty('--code-size', `${size}px`);
    editor?.remeasure();
  };
  applyFontSize(initialFontSize);
  const changeFont = (direction: 1 | -1) => {
    const size = stepFontSize(fontSize(), direction);
    setFontSize(size);
    saveFontSize(size);
    applyFontSize(size);
  };

  /** Opens a `#share=` link: loads its files, runs nothing, and removes the link from the address bar. */
  const openShareLink = () => {
    const encoded = shareFragment(location.hash);
    if (encoded === undefined) return;
    // Drop the link from the address bar once no reload is pending (a first visit reloads once, and
    // opens the link again then), so that a later reload does not replace the learner's edits.
    void offline.pythonMayStart.then(() => {
      if (location.hash.startsWith('#share=')) history.replaceState(null, '', location.pathname + location.search);
    });
    const result = decodeShare(encoded);
    if (!result.ok) {
      setNotice({ kind: 'error', text: `${result.error} Nothing was changed.` });
      return;
    }
    const { files, main } = result.project;
    project.replace({ files, main, active: main });
    editor.reset();
    session.clear();
    const count = files.length === 1 ? '1 file' : `${files.length} files`;
    setNotice({
      kind: 'info',
      text: `Opened shared code (${count}). Nothing has been run: press Run when you are ready.`,
    });
  };

  const share = async () => {
    const url = shareUrl(location.href, { files: project.snapshot(), main: project.state.main });
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
            action: { label: 'Repair now', run: () => void repair() },
          });
        }
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
        stashProject(project.state);
        location.reload();
      }
    } else {
      setNotice({ kind: 'error', text: 'The offline copy could not be repaired: check the connection and try again.' });
    }
  };

  const updateNow = () => {
    if (session.running()) return;
    offline.applyUpdate(() => stashProject(project.state));
  };

  onMount(() => {
    handleLaunch(project, (text) => setNotice({ kind: 'info', text }));
    openShareLink();
    window.addEventListener('hashchange', openShareLink);
    window.addEventListener('keydown', onGlobalKey);
    onCleanup(() => {
      window.removeEventListener('hashchange', openShareLink);
      window.removeEventListener('keydown', onGlobalKey);
    });
  });

  return (
    <div class="app">
      <Toolbar
        offline={offline}
        phase={phase()}
        version={pythonVersion()}
        loadError={loadError()}
        running={session.running()}
        fontSize={fontSize()}
        onRun={() => void session.run()}
        onStop={() => session.stop()}
        onFont={changeFont}
        onShare={() => void share()}
        onRetry={() => (offline.state().kind === 'ready' ? void repair() : location.reload())}
        onSettings={() => settings.showModal()}
        onPackages={() => packages.showModal()}
      />
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
      <PackagesDialog
        online={offline.online}
        onSourceChanged={() => runner.restartForSettings()}
        ref={(el) => (packages = el)}
      />
      <SettingsDialog
        offline={offline}
        pythonVersion={pythonVersion()}
        ref={(el) => (settings = el)}
        onClose={() => {}}
      />
      <main class="workbench">
        <section class="editor-panel" aria-label="Editor">
          <h2 id="editor-heading" class="visually-hidden">
            Code editor
          </h2>
          <FileTabs project={project} />
          <CodeEditor
            project={project}
            labelledBy="editor-heading"
            ref={(api) => (editor = api)}
            callbacks={{
              onRun: () => void session.run(),
              onStop: () => session.stop(),
              askPython: (source, offset) => runner.complete(project.snapshot(), project.state.active, source, offset),
            }}
          />
        </section>
        <OutputPanel
          session={session}
          pythonReady={() => phase() === 'ready' || phase() === 'busy'}
          isLearnerFile={(file) => project.content(file) !== undefined}
          onOpenLocation={(file, line) => editor.goTo(file, line)}
        />
      </main>
    </div>
  );
}
