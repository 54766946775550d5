// The one message line under the toolbar: what the learner should know now,
// with what they can do about it.
import { createSignal } from 'solid-js';

/** A message for the learner: errors are announced at once, information politely. */
export interface NoticeMessage {
  kind: 'info' | 'error';
  text: string;
  /** What the learner can do about it. */
  actions?: { label: string; run: () => void }[];
}

/** What an action reports: one or more sentences, errors first in weight. */
export type Report = { kind: 'info' | 'error'; text: string };

export function createNotices() {
  const [current, setCurrent] = createSignal<NoticeMessage>();
  return {
    current,
    show: (message: NoticeMessage) => setCurrent(message),
    info: (text: string) => setCurrent({ kind: 'info', text }),
    error: (text: string) => setCurrent({ kind: 'error', text }),
    dismiss: () => setCurrent(undefined),
    /** Reports from an action (an import, a restore), as one notice. */
    report(reports: Report[]): void {
      if (!reports.length) return;
      setCurrent({
        kind: reports.some((r) => r.kind === 'error') ? 'error' : 'info',
        text: reports.map((r) => r.text).join(' '),
      });
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
