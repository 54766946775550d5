// Ways the operating system opens the app with something to do: the "New
// scratch file" shortcut (`?new=1`) and .py files opened with the installed
// app (the launch queue, see the manifest's file_handlers).
import { freeName } from '../workspace/names.ts';
import type { Workspace } from '../workspace/workspace.ts';

interface LaunchParams {
  files: FileSystemFileHandle[];
}
declare global {
  interface Window {
    launchQueue?: { setConsumer(consumer: (params: LaunchParams) => void): void };
  }
}

const names = (ws: Workspace) => ws.state.files.map((f) => f.name);

export function handleLaunch(ws: Workspace, onOpened: (message: string) => void): void {
  const params = new URLSearchParams(location.search);
  if (params.has('new')) {
    void ws.addFile(freeName('scratch.py', names(ws)), '');
    params.delete('new');
    const query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? `?${query}` : '') + location.hash);
  }
  window.launchQueue?.setConsumer(async ({ files }) => {
    const opened: string[] = [];
    for (const handle of files) {
      const file = await handle.getFile();
      const name = freeName(file.name.replace(/[\\/]/g, '_'), names(ws));
      await ws.addFile(name, await file.text());
      opened.push(name);
    }
    if (opened.length) onOpened(`Opened ${opened.join(', ')}. Nothing has been run.`);
  });
}
