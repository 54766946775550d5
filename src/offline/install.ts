// Installing the app: the browser's install prompt where it offers one, a
// short hint on iOS Safari (which has none), and persistent storage once the
// app is installed, so the browser does not evict the learner's work.
import { createSignal } from 'solid-js';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const [promptEvent, setPromptEvent] = createSignal<BeforeInstallPromptEvent>();
const [installed, setInstalled] = createSignal(
  matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true,
);

/** The browser offers installation (Chromium's beforeinstallprompt). */
export const canInstall = () => promptEvent() !== undefined;
/** Running as an installed app. */
export const isInstalled = installed;
/** iOS Safari: no install prompt; Share → Add to Home Screen instead. */
export const needsIOSHint = () =>
  !installed() &&
  /iP(hone|ad|od)/.test(navigator.userAgent) &&
  /Safari/.test(navigator.userAgent) &&
  !/CriOS|FxiOS/.test(navigator.userAgent);

/** Listen from the very start: the event can come before the UI exists. */
export function watchInstallability(): void {
  addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    setPromptEvent(event as BeforeInstallPromptEvent);
  });
  addEventListener('appinstalled', () => {
    setPromptEvent(undefined);
    setInstalled(true);
    void requestPersistence();
  });
  if (installed()) void requestPersistence();
}

/** Shows the browser's install dialog. */
export async function install(): Promise<void> {
  const event = promptEvent();
  if (!event) return;
  await event.prompt();
  const { outcome } = await event.userChoice;
  if (outcome === 'accepted') setPromptEvent(undefined);
}

/** Asks the browser to keep this site's storage unless the learner clears it; true if granted. */
export async function requestPersistence(): Promise<boolean> {
  try {
    if (await navigator.storage?.persisted?.()) return true;
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

/** Storage used and available, and whether it is persistent. */
export async function storageInfo(): Promise<{ usage?: number; quota?: number; persisted: boolean }> {
  try {
    const [estimate, persisted] = await Promise.all([
      navigator.storage?.estimate?.(),
      navigator.storage?.persisted?.(),
    ]);
    return { usage: estimate?.usage, quota: estimate?.quota, persisted: persisted ?? false };
  } catch {
    return { persisted: false };
  }
}
