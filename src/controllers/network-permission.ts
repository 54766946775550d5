// Whether a program from someone else may use the network. The learner's own
// code reaches the network as any web page does; code from a share link or an
// imported project runs sandboxed, where every request goes through the page,
// and the network is off until the learner allows it for that project. The
// request that found it off fails at once with a plain message (the program is
// not left hanging), and the learner is asked; allowed, the next run may.
import { Emitter } from '../lib/emitter.ts';

export interface NetworkRequestNotice {
  /** The host the program wanted to reach. */
  host: string;
}

export function createNetworkPermission() {
  let allowed = false;
  let asked = false;
  const requests = new Emitter<NetworkRequestNotice>();
  return {
    /** A sandboxed program asks for `url`: true if the learner allowed the network for this project. */
    ask(url: URL): Promise<boolean> {
      if (!allowed && !asked) {
        asked = true;
        requests.emit({ host: url.host });
      }
      return Promise.resolve(allowed);
    },
    /** Someone should ask the learner (once per project until they answer). */
    requests,
    allow(): void {
      allowed = true;
    },
    /** Another project was opened: its programs start without the network again. */
    reset(): void {
      allowed = false;
      asked = false;
    },
  };
}

export type NetworkPermission = ReturnType<typeof createNetworkPermission>;
