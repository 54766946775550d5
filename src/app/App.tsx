// The app: makes the controllers, wires them to each other and to the
// components, and lays out the page. Every job (a run, the history, share
// links, the offline copy, …) is a controller in src/controllers/; this file
// only connects them.
import {
  createEffect,
  createSignal,
  getOwner,
  lazy,
  Match,
  onCleanup,
  onMount,
  runWithOwner,
  Show,
  Switch,
} from 'solid-js';
import type { EditorApi } from '../components/CodeEditor.tsx';
import { HistoryDialog } from '../components/HistoryDialog.tsx';
import { Notice } from '../components/Notice.tsx';
import { PackagesDialog } from '../components/PackagesDialog.tsx';
import { ProjectPanel } from '../components/ProjectPanel.tsx';
import { SaveStatus } from '../components/SaveStatus.tsx';
import { SettingsDialog } from '../components/SettingsDialog.tsx';
import { Toolbar } from '../components/Toolbar.tsx';
import { TrashDialog } from '../components/TrashDialog.tsx';
import { Workbench } from '../components/Workbench.tsx';
import { watchConflicts } from '../controllers/conflicts.ts';
import { createDisplayPrefs } from '../controllers/display-prefs.ts';
import { createHistory } from '../controllers/history.ts';
import { createLayout } from '../controllers/layout.ts';
import { createNotices } from '../controllers/notices.ts';
import type { NetworkPermission } from '../controllers/network-permission.ts';
import { createOfflineHealth } from '../controllers/offline-health.ts';
import { listenToPage } from '../controllers/page-events.ts';
import { createPythonStatus } from '../controllers/python-status.ts';
import { createRunSession } from '../controllers/run-session.ts';
import { createShareLinks } from '../controllers/share.ts';
import { createTransfer, download } from '../controllers/transfer.ts';
import { createTrash } from '../controllers/trash.ts';
import type { OfflineClient } from '../offline/offline-client.ts';
import { zoneFor, type PythonRunner } from '../runner/runner-client.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { handleLaunch } from './launch.ts';
import { createTurtleDrawing } from '../features/turtle/client/turtle-drawing.ts';
import type { AppView } from '../components/Toolbar.tsx';
import { createLessons } from '../features/lessons/client/lessons.ts';
import { LessonsView } from '../features/lessons/client/LessonsView.tsx';
import { ExercisePanel } from '../features/lessons/client/ExercisePanel.tsx';
import { ProgressView } from '../features/lessons/client/ProgressView.tsx';
import { createHandIn } from '../features/classroom/client/hand-in.ts';
import { CompletionCode } from '../features/classroom/client/CompletionCode.tsx';
import { createClassSync, type SyncSettings } from '../features/classroom/client/sync.ts';
import { ClassSyncPanel } from '../features/classroom/client/ClassSyncPanel.tsx';
import { reportFragment } from '../formats/report.ts';
import { startClassSync } from '../storage/class-sync.ts';
import type { TeacherSide } from './teacher.tsx';

const HandInDialog = lazy(() =>
  import('../features/classroom/client/HandInDialog.tsx').then((m) => ({ default: m.HandInDialog })),
);
/** Where the app is (without its `#…`): links to packs and reports start with it. */
const appAddress = () => location.origin + location.pathname + location.search;
/** How long progress rests before a learner's report goes to the class database. */
const PUBLISH_DELAY_MS = 2_000;
/** Where the class sync settings are kept on the device. */
const CLASS_SYNC_KEY = 'class-sync';

/** Where a hand-in keeps its name and finds progress when this device keeps nothing (storage refused). */
function memoryHandInStore() {
  const meta = new Map<string, unknown>();
  const device = crypto.randomUUID();
  return {
    deviceId: async () => device,
    getMeta: async <T,>(key: string) => meta.get(key) as T | undefined,
    setMeta: async (key: string, value: unknown) => void meta.set(key, value),
    listProgress: async () => [],
    exerciseFiles: async () => undefined,
  };
}

/** Files that are lesson packs (a drop of them opens the pack rather than adding files to the project). */
const isPackFile = (file: File) => /\.pypack$/i.test(file.name);

export function App(props: {
  runner: PythonRunner;
  workspace: Workspace;
  offline: OfflineClient;
  started: Promise<void>;
  networkPermission: NetworkPermission;
}) {
  // eslint-disable-next-line solid/reactivity -- these live as long as the app
  const { runner, workspace, offline, started, networkPermission } = props;
  let editor: EditorApi | undefined;
  /** Code from someone else runs in the sandbox; the learner's own on the fast path. */
  const zoneOfProject = () => zoneFor(workspace.state.foreign);
  const [view, setView] = createSignal<AppView>('workbench');

  const notices = createNotices();
  const screen = createLayout();
  const display = createDisplayPrefs();
  const python = createPythonStatus(runner);
  const runHistory = createHistory(workspace, notices);
  const transfer = createTransfer(workspace);
  const trash = createTrash(workspace);
  const drawing = createTurtleDrawing({
    send: (kind, payload) => runner.sendEvent(kind, payload),
    save: (name, png) => {
      download(name, png);
      notices.info(`Your program saved its drawing as ${name}: it is in your downloads.`);
    },
  });
  const session = createRunSession({
    explain: display.explain,
    runner,
    workspace,
    history: runHistory,
    onErrorLocation: (location) => editor?.showError(location),
    loaded: started,
    participants: [drawing],
  });
  onCleanup(session.subscribe('turtle', (item) => drawing.apply(item)));
  const shares = createShareLinks({ workspace, offline, notices, started });
  const lessons = createLessons({
    store: workspace.storage,
    workspace: {
      get state() {
        return workspace.state;
      },
      snapshot: () => workspace.snapshot(),
      flush: () => workspace.flush(),
      openProject: (id) => workspace.openProject(id),
      createAndOpen: (name, files, main, origin, foreign, exercise) =>
        workspace.createAndOpen(name, files, main, origin, foreign, exercise),
      content: (path) => workspace.content(path),
      setContent: (path, content) => workspace.setContent(path, content),
      replaceContent: (path, content) => workspace.replaceContent(path, content),
      addFile: (path, content, open) => workspace.addFile(path, content, open),
      setActive: (path) => workspace.setActive(path),
    },
    check: (files, entry, checks, signal, zone) => runner.check(files, entry, checks, signal, zone),
    zoneFor,
    record: (run) => runHistory.record(run),
    insertCode: (code) => editor?.insertText(code) ?? false,
    showContent: (path, content) => editor?.replaceContent(path, content),
    notify: (text, kind = 'info') => notices.show({ kind, text, actions: [] }),
    confirm: (question) => window.confirm(question),
    progressChanged: (packId) => schedulePublish(packId),
  });
  const storage = workspace.storage;
  const handIn = createHandIn({
    store: storage
      ? {
          deviceId: () => storage.deviceId(),
          getMeta: (key) => storage.getMeta(key),
          setMeta: (key, value) => storage.setMeta(key, value),
          listProgress: (packId) => storage.listProgress(packId),
          exerciseFiles: async (packId, exerciseId) => {
            const projectId = await storage.findExerciseProject(packId, exerciseId);
            const loaded = projectId ? await storage.loadProject(projectId) : undefined;
            // Text files only: a report carries code, not the pictures a program saved.
            return loaded?.files
              .filter((f) => !f.deletedAt && typeof f.content === 'string')
              .map((f) => ({ name: f.path, content: f.content as string }));
          },
        }
      : memoryHandInStore(),
    getPack: async (id) => (await storage?.getPack(id))?.pack,
    flush: () => workspace.flush(),
    download: (name, data, type) => download(name, data, type),
    copy: (text) =>
      navigator.clipboard.writeText(text).then(
        () => true,
        () => false,
      ),
    notify: (text, kind = 'info') => notices.show({ kind, text, actions: [] }),
    origin: appAddress(),
  });

  const [handInWanted, setHandInWanted] = createSignal(false);
  createEffect(() => handIn.state() && setHandInWanted(true));

  // The teacher's side (Teach and Class pages), loaded the first time it is needed.
  const owner = getOwner();
  const [teacher, setTeacher] = createSignal<TeacherSide>();
  let teacherLoading: Promise<TeacherSide> | undefined;
  function teacherSide(): Promise<TeacherSide> {
    teacherLoading ??= import('./teacher.tsx').then((m) => {
      const side = runWithOwner(owner, () =>
        m.createTeacher(
          {
            store: storage,
            notify: (text, kind = 'info') => notices.show({ kind, text, actions: [] }),
            download: (name, data, type) => download(name, data, type),
            confirm: (question) => window.confirm(question),
          },
          {
            store: storage,
            check: (files, entry, checks, signal, zone) => runner.check(files, entry, checks, signal, zone),
            zoneFor,
            download: (name, data, type) => download(name, data, type),
            notify: (text, kind = 'info') => notices.show({ kind, text, actions: [] }),
            confirm: (question) => window.confirm(question),
            origin: appAddress(),
          },
        ),
      )!;
      setTeacher(side);
      return side;
    });
    return teacherLoading;
  }

  const classSync = createClassSync({
    start: startClassSync,
    settings: {
      load: async () => storage?.getMeta<SyncSettings>(CLASS_SYNC_KEY),
      save: async (settings) => storage?.setMeta(CLASS_SYNC_KEY, settings),
    },
    pageProtocol: location.protocol,
    onReports: (received) => void teacherSide().then((side) => side.dashboard.addSynced(received)),
  });
  onCleanup(() => void classSync.dispose());
  const publishTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** A learner who syncs sends a pack's report a moment after its progress last changed. */
  function schedulePublish(packId: string): void {
    const settings = classSync.settings();
    if (!settings?.on || settings.role !== 'learner') return;
    clearTimeout(publishTimers.get(packId));
    publishTimers.set(
      packId,
      setTimeout(() => {
        publishTimers.delete(packId);
        void handIn
          .reportFor(packId, settings.learner)
          // Only packs a teacher handed to a class go to the class: not the built-in course, not a friend's pack.
          .then((report) => report?.class && classSync.publish(report))
          .catch(() => {
            // The next change sends it again; the status line says when the database cannot be reached.
          });
      }, PUBLISH_DELAY_MS),
    );
  }

  /** A learner's report link (`#report=`) opened here: it goes to the Class page (Teach mode comes on). */
  function openReportLink(): void {
    if (reportFragment(location.hash) === undefined) return;
    const hash = location.hash;
    history.replaceState(null, '', location.pathname + location.search);
    display.setTeachMode(true);
    setView('class');
    void teacherSide().then((side) => side.dashboard.importLink(hash));
  }
  const openExercise = (packId: string, exerciseId: string) =>
    void lessons.open(packId, exerciseId).then((opened) => opened && setView('workbench'));
  const changeView = (next: AppView) => {
    if (next === 'progress') void lessons.refreshSummary();
    if (next === 'teach' || next === 'class') void teacherSide();
    setView(next);
  };
  const checkControl = () =>
    lessons.current()
      ? {
          checking: lessons.checking(),
          disabled: !python.ready() || session.running(),
          onCheck: () => void lessons.check(),
        }
      : undefined;
  /** A handler that opens this exercise, or none when there is none (the first or last of its pack). */
  const goTo = (target: { packId: string; exerciseId: string } | undefined) =>
    target ? () => openExercise(target.packId, target.exerciseId) : undefined;
  const stopAll = (): boolean => (lessons.checking() ? lessons.stopCheck() : session.stop());
  const health = createOfflineHealth({ offline, workspace, notices, phase: python.phase, running: session.running });
  watchConflicts(workspace, notices);
  listenToPage({ workspace, run: () => void session.run(), stop: () => session.stop() });

  onCleanup(
    workspace.events.subscribe((event) => {
      if (event.type === 'external-content') editor?.replaceContent(event.path, event.content);
      else if (event.type === 'project-loaded') {
        editor?.reset();
        session.clear();
        networkPermission.reset();
        runner.prepareZone(zoneOfProject());
      } else {
        const n = event.notice;
        notices.show({ kind: n.kind ?? 'info', text: n.text, actions: n.action ? [n.action] : [] });
      }
    }),
  );

  onCleanup(
    networkPermission.requests.subscribe(({ host }) =>
      notices.show({
        kind: 'info',
        text: `This program wants to use the network (to reach ${host}). A program from someone else may not, unless you allow it.`,
        actions: [
          {
            label: 'Allow network',
            run: () => {
              networkPermission.allow();
              notices.info('The network is allowed for this project until you open another one. Run it again.');
            },
          },
        ],
      }),
    ),
  );

  let settingsDialog!: HTMLDialogElement;
  let packagesDialog!: HTMLDialogElement;
  let historyDialog!: HTMLDialogElement;
  let trashDialog!: HTMLDialogElement;

  const onDrop = (event: DragEvent) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    const files = [...event.dataTransfer.files];
    const packs = files.filter(isPackFile);
    if (packs.length) void lessons.openPackFiles(packs).then((opened) => opened && setView('workbench'));
    const others = files.filter((f) => !isPackFile(f));
    if (others.length) void transfer.importFiles(others).then(notices.report);
  };

  onMount(() => {
    onCleanup(shares.listen());
    onCleanup(lessons.listen());
    const onHash = () => openReportLink();
    window.addEventListener('hashchange', onHash);
    onCleanup(() => window.removeEventListener('hashchange', onHash));
    void started.then(async () => {
      editor?.setEditable(true);
      handleLaunch(workspace, notices.info);
      void shares.openFromAddress();
      openReportLink();
      void classSync.load();
      await lessons.loadAll();
      await lessons.openFromAddress();
    });
  });

  return (
    <div
      class="app"
      data-layout={screen.layout()}
      onDragOver={(e) => e.dataTransfer?.types.includes('Files') && e.preventDefault()}
      onDrop={onDrop}
    >
      <Toolbar
        offline={offline}
        phase={python.phase()}
        version={python.version()}
        loadError={python.loadError()}
        running={session.running()}
        fontSize={display.fontSize()}
        withRunControls={screen.layout() !== 'phone'}
        compact={screen.layout() !== 'wide'}
        onRun={() => void session.run()}
        onStop={stopAll}
        check={checkControl()}
        view={view()}
        onView={changeView}
        teachMode={display.teachMode()}
        onFont={(direction) => display.stepFont(direction)}
        onShare={() => void shares.share()}
        onRetry={health.retry}
        onSettings={() => settingsDialog.showModal()}
        onPackages={() => packagesDialog.showModal()}
        onInstallHelp={() =>
          notices.info('To install Python Playground, tap Share in Safari, then “Add to Home Screen”.')
        }
      />
      <SaveStatus workspace={workspace} onExport={() => transfer.exportProject()} />
      <Show when={health.updateWaiting()}>
        <div class="notice" role="status">
          <p>
            A new version of Python Playground is ready.{' '}
            {session.running() ? 'Stop or finish your program to update.' : 'Your code stays as it is.'}
          </p>
          <button type="button" class="small primary" onClick={health.updateNow} disabled={session.running()}>
            Update now
          </button>
        </div>
      </Show>
      <Show when={notices.current()}>{(n) => <Notice message={n()} onDismiss={notices.dismiss} />}</Show>
      <Switch>
        <Match when={view() === 'lessons'}>
          <main class="page-view">
            <LessonsView
              packs={lessons.outlines()}
              loading={lessons.loading()}
              currentExercise={workspace.state.exercise}
              onOpenExercise={openExercise}
              onOpenPackFile={(files) =>
                void lessons.openPackFiles(files).then((opened) => opened && setView('workbench'))
              }
              onRemovePack={(id) => void lessons.removePack(id)}
            />
          </main>
        </Match>
        <Match when={view() === 'progress'}>
          <main class="page-view">
            <ProgressView
              summary={lessons.summary()}
              onOpenExercise={openExercise}
              onHandIn={(packId) => void handIn.open(packId)}
            />
          </main>
        </Match>
        <Match when={view() === 'teach'}>
          <main class="page-view">
            <Show when={teacher()} fallback={<p role="status">Opening…</p>}>
              {(side) => side().TeachPage()}
            </Show>
          </main>
        </Match>
        <Match when={view() === 'class'}>
          <main class="page-view">
            <Show when={teacher()} fallback={<p role="status">Opening…</p>}>
              {(side) => side().ClassPage()}
            </Show>
          </main>
        </Match>
      </Switch>
      {/* Kept while another page is shown (hidden): the editor keeps its undo history, the output its lines. */}
      <div class="view-host" hidden={view() !== 'workbench'}>
        <Workbench
          check={checkControl()}
          onStop={stopAll}
          exerciseOpen={lessons.current() !== undefined}
          exercise={
            <Show when={lessons.current()}>
              {(open) => (
                <ExercisePanel
                  packTitle={open().pack.title}
                  lessonTitle={open().pack.lessons[open().lessonIndex].title}
                  lessonPage={open().pack.lessons[open().lessonIndex].page}
                  exercise={open().exercise}
                  position={open().position}
                  progress={lessons.currentProgress()}
                  report={lessons.report()}
                  checking={lessons.checking()}
                  pythonReady={python.ready() && !session.running()}
                  hintsShown={lessons.hintsShown()}
                  solutionUnlocked={lessons.triesUntilSolution() === 0}
                  triesUntilSolution={lessons.triesUntilSolution()}
                  solutionShown={lessons.solutionShown()}
                  onCheck={() => void lessons.check()}
                  onShowHint={() => void lessons.showHint()}
                  onShowSolution={() => void lessons.showSolution()}
                  onUseSolution={() => void lessons.useSolution()}
                  onReset={() => void lessons.resetToStarter()}
                  onCopyCode={(code) => lessons.copyToEditor(code)}
                  onPrevious={goTo(lessons.previous())}
                  onNext={goTo(lessons.next())}
                  onAllLessons={() => setView('lessons')}
                  completion={
                    open().pack.class?.secret ? (
                      <CompletionCode
                        source={handIn}
                        pack={open().pack}
                        exerciseId={open().exercise.id}
                        passedAt={lessons.currentProgress()?.lastPassedAt}
                      />
                    ) : undefined
                  }
                />
              )}
            </Show>
          }
          workspace={workspace}
          session={session}
          drawing={drawing}
          onDownloadDrawing={() => void drawing.png().then((png) => png && download('drawing.png', png))}
          onDownloadFile={(path) => transfer.downloadFile(path)}
          screen={screen}
          wrap={display.wrap()}
          textSize={display.fontSize()}
          pythonReady={python.ready}
          askPython={(source, offset) =>
            runner.complete(workspace.textFiles(), workspace.state.active, source, offset, zoneOfProject())
          }
          editorRef={(api) => {
            editor = api;
            display.attach(api);
          }}
          panel={(host) => (
            <ProjectPanel
              workspace={workspace}
              onImport={(files) => void transfer.importFiles(files).then(notices.report)}
              onExportProject={() => transfer.exportProject()}
              onDownloadFile={(path) => transfer.downloadFile(path)}
              onHistory={() => host.open(() => historyDialog.showModal())}
              onTrash={() => host.open(() => trashDialog.showModal())}
              onFileChosen={(how) => host.fileChosen(how)}
            />
          )}
        />
      </div>
      <PackagesDialog
        online={offline.online}
        onSourceChanged={() => runner.restartForSettings()}
        ref={(el) => (packagesDialog = el)}
      />
      <SettingsDialog
        offline={offline}
        transfer={transfer}
        history={runHistory}
        pythonVersion={python.version()}
        wrap={display.wrap()}
        onWrap={(wrap) => display.setWrap(wrap)}
        explain={display.explain()}
        onExplain={(explain) => display.setExplain(explain)}
        teachMode={display.teachMode()}
        onTeachMode={(on) => {
          display.setTeachMode(on);
          if (!on && (view() === 'teach' || view() === 'class')) setView('workbench');
        }}
        classSync={<ClassSyncPanel sync={classSync} />}
        onReport={(r) => notices.report([r])}
        ref={(el) => (settingsDialog = el)}
      />
      <HistoryDialog
        workspace={workspace}
        history={runHistory}
        onRestore={(files, mode, entry) => {
          historyDialog.close();
          void runHistory.restore(files, mode, entry);
        }}
        onDownload={(name, text) => download(name, text)}
        ref={(el) => (historyDialog = el)}
      />
      <TrashDialog trash={trash} ref={(el) => (trashDialog = el)} />
      {/* Loaded the first time a learner hands in, then kept (it closes itself and gives the focus back). */}
      <Show when={handInWanted()}>
        <HandInDialog handIn={handIn} />
      </Show>
    </div>
  );
}
