// What a new project starts with, and which file names the workspace accepts.
import { isSafePath } from '../model/paths.ts';

export const WELCOME_CODE = `# Welcome! Write Python here and press Run (or Ctrl+Enter).
name = input("What is your name? ")
print(f"Hello, {name}!")
`;

/** A new project's files when nothing else is known. */
export function welcomeFiles(): { path: string; content: string }[] {
  return [{ path: 'main.py', content: WELCOME_CODE }];
}

/** Why `name` cannot be a new file name here, or undefined if it can. */
export function fileNameProblem(name: string, taken: readonly string[]): string | undefined {
  if (!name.trim()) return 'Type a name for the file, such as helper.py.';
  if (name !== name.trim()) return 'A file name cannot start or end with a space.';
  if (!isSafePath(name)) return 'Use letters, digits, dots, dashes and underscores (folders with /, but no "..").';
  if (taken.includes(name)) return `There is already a file called ${name}.`;
  return undefined;
}
