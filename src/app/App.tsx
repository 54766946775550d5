import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { CodeEditor, type EditorApi } from '../components/CodeEditor.tsx';
import { FileTabs } from '../components/FileTabs.tsx';
import { Notice, type NoticeMessage } from '../components/Notice.tsx';
import { OutputPanel } from '../components/OutputPanel.tsx';
import { Toolbar } from '../components/Toolbar.tsx';
import { loadFontSize, saveFontSize, stepFontSize } from '../prefs/prefs.ts';
import type { PythonRunner } from '../runner/runner-client.ts';
import { decodeShare, shareFragment, shareUrl } from '../share/share-link.ts';
import { createProject } from '../workspace/project.ts';
import { createRunSession } from './run-session.ts';

export function App(props: { runner: PythonRunner }) {
  // eslint-disable-next-line solid/reactivity -- one runner for the app's lifetime
  const runner = props.runner;
  const project = createProject();
  let editor!: EditorApi;
  const session = createRunSession({ runner, project, onErrorLocation: (location) => editor.showError(location) });
  const [phase, setPhase] = createSignal(runner.phase);
  const [pythonVersion, setPythonVersion] = createSignal('');
  const [loadError, setLoadError] = createSignal('');
  const [notice, setNotice] = createSignal<NoticeMessage>();
  const initialFontSize = loadFontSize();
  const [fontSize, setFontSize] = createSignal(initialFontSize);

  onCleanup(runner.subscribe(setPhase));
  runner.onReady = (info) => {
    setPythonVersion(info.pythonVersion);
    setLoadError('');
    if (info.first) performance.mark('python-ready', { detail: { startupMs: info.startupMs } });
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
    history.replaceState(null, '', location.pathname + location.search);
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

  onMount(() => {
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
        phase={phase()}
        version={pythonVersion()}
        loadError={loadError()}
        running={session.running()}
        fontSize={fontSize()}
        onRun={() => void session.run()}
        onStop={() => session.stop()}
        onFont={changeFont}
        onShare={() => void share()}
        onRetry={() => location.reload()}
      />
      <Show when={notice()}>{(n) => <Notice message={n()} onDismiss={() => setNotice(undefined)} />}</Show>
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
