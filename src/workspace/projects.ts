// Which project is open, and the list of them: opening (the last one on
// start), creating, renaming, duplicating, and moving to the trash with Undo.
// Without storage a project lives in memory only, and the learner is told.
import { batch } from 'solid-js';
import { reconcile } from 'solid-js/store';
import { sameContent, type FileContent } from '../model/files.ts';
import { isForeign, type FileRecord, type ProjectRecord } from '../storage/schema.ts';
import { hadSavedWork, type Autosave } from './autosave.ts';
import { replayJournal } from './journal.ts';
import { freeName } from './names.ts';
import { welcomeFiles } from './rules.ts';
import type { WorkspaceCore } from './state.ts';

const LAST_OPEN_KEY = 'last-open';

export function createProjects(core: WorkspaceCore, autosave: Autosave) {
  const { state, setState, storage } = core;

  async function refreshProjects(): Promise<void> {
    if (!storage) return;
    const list = await storage.listProjects();
    setState('projects', reconcile(list.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }))));
  }

  function show(
    project: Pick<ProjectRecord, 'id' | 'name' | 'main' | 'activeFile' | 'cursors' | 'origin' | 'foreign' | 'exercise'>,
    files: FileRecord[],
  ): void {
    const active = files.some((f) => f.path === project.activeFile) ? project.activeFile! : project.main;
    autosave.resetCursors(project.cursors);
    batch(() => {
      setState({
        projectId: project.id,
        projectName: project.name,
        foreign: isForeign(project),
        exercise: project.exercise && { packId: project.exercise.packId, exerciseId: project.exercise.exerciseId },
        files: files.map((f) => ({ name: f.path, content: f.content, id: f.id, version: f.version, dirty: false })),
        main: project.main,
        active,
        tabs: [...new Set([project.main, active])].filter((p) => files.some((f) => f.path === p)),
        conflict: undefined,
      });
    });
    core.events.emit({ type: 'project-loaded' });
  }

  function showInMemory(
    name: string,
    files: { path: string; content: FileContent }[],
    main: string,
    foreign: boolean,
    exercise?: { packId: string; exerciseId: string },
  ): void {
    batch(() => {
      setState({
        projectId: undefined,
        projectName: name,
        foreign,
        exercise,
        files: files.map((f) => ({ name: f.path, content: f.content, version: 0, dirty: false })),
        main,
        active: main,
        tabs: [main],
        conflict: undefined,
      });
    });
    core.events.emit({ type: 'project-loaded' });
  }

  async function openProject(id: string): Promise<void> {
    if (!storage) return;
    await autosave.flush();
    const loaded = await storage.loadProject(id);
    if (!loaded) return;
    show(loaded.project, loaded.files);
    await storage.setMeta(LAST_OPEN_KEY, id).catch(core.failed);
  }

  /** Creates a project and opens it. */
  async function createAndOpen(
    name: string,
    files: { path: string; content: FileContent }[],
    main: string,
    origin: ProjectRecord['origin'],
    foreign = isForeign({ origin }),
    exercise?: { packId: string; exerciseId: string },
  ): Promise<string | undefined> {
    if (!storage || !core.canWrite()) {
      showInMemory(name, files, main, foreign, exercise);
      return undefined;
    }
    await autosave.flush();
    try {
      const taken = state.projects.map((p) => p.name);
      const created = await storage.createProject({
        name: freeName(name, taken),
        files,
        main,
        origin,
        foreign,
        exercise,
      });
      show(created.project, created.files);
      await storage.setMeta(LAST_OPEN_KEY, created.project.id);
      await refreshProjects();
      return created.project.id;
    } catch (error) {
      core.failed(error);
      showInMemory(name, files, main, foreign, exercise);
      return undefined;
    }
  }

  /** Reads the open project's files again, keeping what this tab has not saved yet. */
  async function reloadFiles(): Promise<void> {
    if (!storage || !state.projectId) return;
    const loaded = await storage.loadProject(state.projectId);
    if (!loaded) return;
    const mine = new Map(state.files.map((f) => [f.id, f]));
    const files = loaded.files.map((r) => {
      const local = mine.get(r.id);
      if (local?.dirty) return { ...local, name: r.path };
      if (local && !sameContent(local.content, r.content)) core.externalContent(r.path, r.content);
      return { name: r.path, content: r.content, id: r.id, version: r.version, dirty: false };
    });
    const names = new Set(files.map((f) => f.name));
    batch(() => {
      setState('files', reconcile(files, { key: 'id' }));
      setState('main', loaded.project.main);
      setState('projectName', loaded.project.name);
      setState('tabs', (tabs) => tabs.filter((t) => names.has(t)));
      if (!names.has(state.active)) setState('active', loaded.project.main);
    });
  }

  async function restoreProject(id: string): Promise<void> {
    if (!storage) return;
    await storage.restoreProject(id).catch(core.failed);
    await refreshProjects();
    await openProject(id);
  }

  return {
    refreshProjects,
    reloadFiles,
    openProject,
    createAndOpen,
    restoreProject,

    /** Opens the last project (or makes the welcome one); reports whether saved work seems to have vanished. */
    async start(): Promise<{ dataCleared: boolean }> {
      if (!storage) {
        showInMemory('My project', welcomeFiles(), 'main.py', false);
        return { dataCleared: false };
      }
      await replayJournal(storage);
      await refreshProjects();
      const lastId = await storage.getMeta<string>(LAST_OPEN_KEY);
      const id = state.projects.find((p) => p.id === lastId)?.id ?? state.projects[0]?.id;
      if (id) {
        await openProject(id);
        return { dataCleared: false };
      }
      const hadWork = hadSavedWork();
      await createAndOpen('My project', welcomeFiles(), 'main.py', 'welcome');
      return { dataCleared: hadWork };
    },

    /** Creates an empty project called `name` and opens it; returns why not, if it cannot. */
    async newProject(name = 'Untitled project'): Promise<string | undefined> {
      if (!name.trim()) return 'A project needs a name.';
      await createAndOpen(name.trim(), [{ path: 'main.py', content: '' }], 'main.py', 'new');
      return undefined;
    },

    async renameProject(name: string): Promise<string | undefined> {
      if (!name.trim()) return 'A project needs a name.';
      setState('projectName', name.trim());
      if (storage && core.canWrite() && state.projectId) {
        await storage.updateProject(state.projectId, { name }).catch(core.failed);
        await refreshProjects();
      }
      return undefined;
    },

    async duplicateProject(): Promise<void> {
      await autosave.flush();
      const files = state.files.map((f) => ({ path: f.name, content: f.content }));
      // A copy of someone else's program is still their code.
      await createAndOpen(`${state.projectName} copy`, files, state.main, 'duplicate', state.foreign);
    },

    /** Moves the open project to the trash (with Undo) and opens another. */
    async deleteProject(): Promise<void> {
      if (!storage || !state.projectId) return;
      await autosave.flush();
      const id = state.projectId;
      const name = state.projectName;
      await storage.trashProject(id).catch(core.failed);
      await refreshProjects();
      const next = state.projects.find((p) => p.id !== id);
      if (next) await openProject(next.id);
      else await createAndOpen('My project', welcomeFiles(), 'main.py', 'welcome');
      core.notice({
        text: `The project “${name}” was moved to the trash.`,
        action: { label: 'Undo', run: () => void restoreProject(id) },
      });
    },
  };
}

export type Projects = ReturnType<typeof createProjects>;
