// Which zone Python starts in on the next page load: the one of the project
// that was open last. Only a hint for speed (a reload with a classmate's
// program open starts the sandbox at once instead of the fast path first);
// every run still goes to its project's zone, whatever the hint says.
import type { RunnerZone } from './runner-client.ts';

const KEY = 'playground:python-zone';

export const zoneHint = {
  read(): RunnerZone {
    try {
      return localStorage.getItem(KEY) === 'sandbox' ? 'sandbox' : 'own';
    } catch {
      return 'own';
    }
  },
  write(zone: RunnerZone): void {
    try {
      if (zone === 'sandbox') localStorage.setItem(KEY, zone);
      else localStorage.removeItem(KEY);
    } catch {
      // Storage refused: the next start takes the fast path first, as without a hint.
    }
  },
};
