// The project open in the editor, in memory: its files, which one runs, and
// which one is shown. (Keeping it on the device is the storage module's job.)
import { createStore, produce } from 'solid-js/store';
import type { ProjectFile } from '../runner/protocol.ts';
import { isSafeFileName } from '../share/share-link.ts';

export interface ProjectState {
  files: ProjectFile[];
  /** The file Run executes. */
  main: string;
  /** The file shown in the editor. */
  active: string;
}

export const WELCOME_CODE = `# Welcome! Write Python here and press Run (or Ctrl+Enter).
name = input("What is your name? ")
print(f"Hello, {name}!")
`;

export function welcomeProject(): ProjectState {
  return { files: [{ name: 'main.py', content: WELCOME_CODE }], main: 'main.py', active: 'main.py' };
}

/** Why `name` cannot be a new file name in `files`, or undefined if it can. */
export function fileNameProblem(name: string, files: readonly ProjectFile[]): string | undefined {
  if (!name.trim()) return 'Type a name for the file, such as helper.py.';
  if (name !== name.trim()) return 'A file name cannot start or end with a space.';
  if (!isSafeFileName(name)) return 'Use letters, digits, dots, dashes and underscores (folders with /, but no "..").';
  if (files.some((f) => f.name === name)) return `There is already a file called ${name}.`;
  return undefined;
}

export function createProject(initial: ProjectState = welcomeProject()) {
  const [state, setState] = createStore<ProjectState>(structuredClone(initial));
  return {
    state,
    /** The content of every file, as it is now. */
    snapshot(): ProjectFile[] {
      return state.files.map((f) => ({ name: f.name, content: f.content }));
    },
    content(name: string): string | undefined {
      return state.files.find((f) => f.name === name)?.content;
    },
    setContent(name: string, content: string): void {
      setState('files', (f) => f.name === name, 'content', content);
    },
    setActive(name: string): void {
      if (state.files.some((f) => f.name === name)) setState('active', name);
    },
    addFile(name: string, content = ''): void {
      setState(
        produce((s) => {
          s.files.push({ name, content });
          s.active = name;
        }),
      );
    },
    removeFile(name: string): void {
      if (name === state.main) return;
      setState(
        produce((s) => {
          const index = s.files.findIndex((f) => f.name === name);
          if (index < 0) return;
          s.files.splice(index, 1);
          if (s.active === name) s.active = s.files[Math.max(0, index - 1)].name;
        }),
      );
    },
    /** Replaces the whole project (a share link was opened). */
    replace(next: ProjectState): void {
      setState(structuredClone(next));
    },
  };
}

export type Project = ReturnType<typeof createProject>;
