import { For } from 'solid-js';
import type { NoticeMessage } from '../controllers/notices.ts';

export function Notice(props: { message: NoticeMessage; onDismiss: () => void }) {
  return (
    <div class={`notice notice-${props.message.kind}`} role={props.message.kind === 'error' ? 'alert' : 'status'}>
      <p>{props.message.text}</p>
      <For each={props.message.actions ?? []}>
        {(action) => (
          <button type="button" class="small primary" onClick={() => action.run()}>
            {action.label}
          </button>
        )}
      </For>
      <button type="button" class="small" onClick={() => props.onDismiss()} aria-label="Dismiss message">
        ✕
      </button>
    </div>
  );
}
