// Share links: copying one for the open project, and opening one (on load or
// when the address changes) as a new project that overwrites nothing and runs
// nothing.
import { decodeShare, shareable, shareFragment, shareUrl } from '../formats/share-link.ts';
import type { OfflineClient } from '../offline/offline-client.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { Notices } from './notices.ts';

/** Share links already opened in this tab session, by fragment: a reload opens the same project, not a copy. */
const OPENED_SHARES_KEY = 'playground:opened-shares';

export function createShareLinks(options: {
  workspace: Workspace;
  offline: OfflineClient;
  notices: Notices;
  /** Resolves once the saved project is loaded. */
  started: Promise<void>;
}) {
  const { workspace, offline, notices } = options;

  /** Opens a `#share=` link in the address as a new project (never overwriting anything, never running it). */
  async function openFromAddress(): Promise<void> {
    const encoded = shareFragment(location.hash);
    if (encoded === undefined) return;
    await options.started;
    // Drop the link from the address bar once no reload is pending (a first visit reloads once).
    void offline.pythonMayStart.then(() => {
      if (location.hash.startsWith('#share=')) history.replaceState(null, '', location.pathname + location.search);
    });
    const result = decodeShare(encoded);
    if (!result.ok) {
      notices.error(`${result.error} Nothing was changed.`);
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
      const paths = files.map((f) => ({ path: f.name, content: f.content }));
      await workspace.createAndOpen(name, paths, main, 'share');
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
    notices.info(
      `Opened shared code (${count}) as the new project “${workspace.state.projectName}”. Nothing has been run: press Run when you are ready.`,
    );
  }

  return {
    openFromAddress,
    /** Listens for links opened in this tab from now on (the address's fragment changes). */
    listen(): () => void {
      const onHash = () => void openFromAddress();
      window.addEventListener('hashchange', onHash);
      return () => window.removeEventListener('hashchange', onHash);
    },
    /** Copies a link to the open project (its text files: the learner is told which binary files stay behind). */
    async share(): Promise<void> {
      const { files, leftOut } = shareable(workspace.snapshot());
      const url = shareUrl(location.href, { files, main: workspace.state.main });
      const without = leftOut.length
        ? ` It carries text files only, so it leaves out ${leftOut.join(', ')}: send ${leftOut.length === 1 ? 'that file' : 'those files'} separately, or export the project as a .zip.`
        : '';
      try {
        await navigator.clipboard.writeText(url);
        notices.info(
          `A link to this code was copied. Anyone who opens it gets a copy; nothing runs until they press Run.${without}`,
        );
      } catch {
        notices.info(`Copy this link to share your code: ${url}${without}`);
      }
    },
  };
}
