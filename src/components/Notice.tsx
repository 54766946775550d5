/** A message for the learner: errors are announced at once, information politely. */
export interface NoticeMessage {
  kind: 'info' | 'error';
  text: string;
  /** One thing the learner can do about it. */
  action?: { label: string; run: () => void };
}

export function Notice(props: { message: NoticeMessage; onDismiss: () => void }) {
  return (
    <div class={`notice notice-${props.message.kind}`} role={props.message.kind === 'error' ? 'alert' : 'status'}>
      <p>{props.message.text}</p>
      {props.message.action && (
        <button type="button" class="small primary" onClick={() => props.message.action!.run()}>
          {props.message.action.label}
        </button>
      )}
      <button type="button" class="small" onClick={() => props.onDismiss()} aria-label="Dismiss message">
        ✕
      </button>
    </div>
  );
}
