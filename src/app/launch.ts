// Ways the operating system opens the app with something to do: the "New
// scratch file" shortcut (`?new=1`) and .py files opened with the installed
// app (the launch queue, see the manifest's file_handlers).
import type { Project } from '../workspace/project.ts';

interface LaunchParams {
  files: FileSystemFileHandle[];
}
declare global {
  interface Window {
    launchQueue?: { setConsumer(consumer: (params: LaunchParams) => void): void };
  }
}

/** `base.py`, or `base2.py`, `base3.py`… whichever is free. */
export function freeName(wanted: string, taken: readonly string[]): string {
  if (!taken.includes(wanted)) return wanted;
  const dot = wanted.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
  for (let n = 2; ; n++) if (!taken.includes(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
}

const names = (project: Project) => project.state.files.map((f) => f.name);

export function handleLaunch(project: Project, onOpened: (message: string) => void): void {
  const params = new URLSearchParams(location.search);
  if (params.has('new')) {
    project.addFile(freeName('scratch.py', names(project)), '');
    params.delete('new');
    const query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? `?${query}` : '') + location.hash);
  }
  window.launchQueue?.setConsumer(async ({ files }) => {
    const opened: string[] = [];
    for (const handle of files) {
      const file = await handle.getFile();
      const name = freeName(file.name.replace(/[\\/]/g, '_'), names(project));
      project.addFile(name, await file.text());
      opened.push(name);
    }
    if (opened.length) onOpened(`Opened ${opened.join(', ')}. Nothing has been run.`);
  });
}
