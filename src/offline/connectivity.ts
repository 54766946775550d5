// Whether the network is there now. `navigator.onLine` only knows whether the
// device has a network connection: a classroom Wi-Fi with no way out, or a
// school server that is down, still reads as "online". So a tiny request to
// the app's own origin (never answered from the offline copy) tells for sure.
import { createSignal, type Accessor } from 'solid-js';

/** How often the network is checked while the app is in front. */
export const CONNECTIVITY_INTERVAL_MS = 30_000;
const PROBE_TIMEOUT_MS = 5_000;

/**
 * `probeURL` is any URL of the app's origin. HEAD requests pass the service
 * worker (its routes answer GET only), so the answer comes from the network.
 */
export function createConnectivity(probeURL: string): Accessor<boolean> {
  const [online, setOnline] = createSignal(navigator.onLine);
  let probing = false;

  const probe = async () => {
    if (!navigator.onLine) return setOnline(false);
    if (probing) return;
    probing = true;
    try {
      const url = `${probeURL}${probeURL.includes('?') ? '&' : '?'}online-check=${Date.now()}`;
      // Any answer at all, even an error status, means the network is there.
      await fetch(url, { method: 'HEAD', cache: 'no-store', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      setOnline(navigator.onLine);
    } catch {
      setOnline(false);
    } finally {
      probing = false;
    }
  };

  addEventListener('online', () => void probe());
  addEventListener('offline', () => setOnline(false));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void probe());
  setInterval(() => document.visibilityState === 'visible' && void probe(), CONNECTIVITY_INTERVAL_MS);
  void probe();
  return online;
}
