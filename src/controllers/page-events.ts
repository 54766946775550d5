// What the whole page listens for: Run and Stop from anywhere (Ctrl/Cmd+Enter,
// Ctrl/Cmd+.), and the page going away (unsaved text is journalled at once).
import { onCleanup } from 'solid-js';
import type { Workspace } from '../workspace/workspace.ts';

export function listenToPage(options: { workspace: Workspace; run: () => void; stop: () => void }): void {
  const { workspace } = options;
  const onKey = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key === 'Enter' && !event.defaultPrevented) {
      event.preventDefault();
      options.run();
    } else if (mod && event.key === '.') {
      event.preventDefault();
      options.stop();
    }
  };
  const onPageHide = () => workspace.journal();
  const onVisibility = () => document.visibilityState === 'hidden' && workspace.journal();
  window.addEventListener('keydown', onKey);
  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onVisibility);
  });
}
