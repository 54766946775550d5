import { createEffect, createSignal, createUniqueId, on, Show } from 'solid-js';
import type { ClassSync, SyncTarget } from './sync.ts';
import './sync.css';

/** What the panel uses of the class sync controller. */
export type ClassSyncControls = Pick<ClassSync, 'settings' | 'statusText' | 'problem' | 'busy' | 'turnOn' | 'turnOff'>;

export const SHARED_BY_LEARNER =
  "Only your progress and hand-ins for this class's lessons are sent, with the code of those exercises; never your other projects.";
export const SHARED_BY_TEACHER =
  "The dashboard receives your class's progress and hand-ins; nothing of yours is sent, and the app never shows learners each other's code.";

/**
 * Settings → Class sync: where the class database is, which class, who this is, and a switch. Off until turned
 * on; the switch stays off when connecting could not start, and the reason is shown under it.
 */
export function ClassSyncPanel(props: { sync: ClassSyncControls }) {
  const id = createUniqueId();
  const [url, setUrl] = createSignal('');
  const [classCode, setClassCode] = createSignal('');
  const [role, setRole] = createSignal<SyncTarget['role']>('learner');
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [learner, setLearner] = createSignal('');

  // The fields start from what the device keeps, and follow it when it is loaded or forgotten.
  createEffect(
    on(
      () => props.sync.settings(),
      (s) => {
        setUrl(s?.url ?? '');
        setClassCode(s?.classCode ?? '');
        setRole(s?.role ?? 'learner');
        setUsername(s?.username ?? '');
        setPassword(s?.password ?? '');
        setLearner(s?.learner ?? '');
      },
    ),
  );

  const on_ = () => props.sync.settings()?.on === true;
  const target = (): SyncTarget => ({
    url: url(),
    classCode: classCode(),
    role: role(),
    ...(username() ? { username: username() } : {}),
    ...(password() ? { password: password() } : {}),
    ...(role() === 'learner' ? { learner: learner() } : {}),
  });

  // An address or class code that cannot be used comes back as the controller's problem, shown under the switch.
  async function connect(): Promise<void> {
    await props.sync.turnOn(target());
  }

  async function toggle(e: Event & { currentTarget: HTMLInputElement }): Promise<void> {
    const wanted = e.currentTarget.checked;
    // The switch shows what is, not what was asked: it moves once the controller has done it.
    e.currentTarget.checked = on_();
    if (wanted) await connect();
    else await props.sync.turnOff();
  }

  return (
    <section class="class-sync" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Class sync</h3>
      <p>
        Where the school has a network, progress can go straight to the teacher's dashboard through a class database. It
        is off unless you turn it on.
      </p>
      <label class="check class-sync-switch">
        <input
          type="checkbox"
          role="switch"
          checked={on_()}
          disabled={props.sync.busy()}
          aria-describedby={`${id}-status`}
          onChange={toggle}
        />{' '}
        Sync with the class database
      </label>
      <p id={`${id}-status`} class="class-sync-status" role="status" aria-live="polite">
        {props.sync.statusText()}
      </p>
      <p class="field-problem" role="alert">
        {props.sync.problem() ?? ''}
      </p>

      <form
        class="class-sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <div class="class-sync-field">
          <label for={`${id}-url`}>Database address</label>
          <input
            id={`${id}-url`}
            type="url"
            inputmode="url"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            placeholder="https://school.example:6984/class-7b"
            value={url()}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </div>
        <div class="class-sync-field">
          <label for={`${id}-code`}>Class code</label>
          <input
            id={`${id}-code`}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            placeholder="7B-python"
            value={classCode()}
            onInput={(e) => setClassCode(e.currentTarget.value)}
          />
        </div>
        <fieldset class="class-sync-role">
          <legend>I am</legend>
          <label class="check">
            <input
              type="radio"
              name={`${id}-role`}
              value="learner"
              checked={role() === 'learner'}
              onChange={() => setRole('learner')}
            />{' '}
            a learner
          </label>
          <label class="check">
            <input
              type="radio"
              name={`${id}-role`}
              value="teacher"
              checked={role() === 'teacher'}
              onChange={() => setRole('teacher')}
            />{' '}
            the teacher
          </label>
        </fieldset>
        <Show when={role() === 'learner'}>
          <div class="class-sync-field">
            <label for={`${id}-name`}>Your name</label>
            <input
              id={`${id}-name`}
              autocomplete="name"
              maxLength={100}
              value={learner()}
              onInput={(e) => setLearner(e.currentTarget.value)}
            />
          </div>
        </Show>
        <div class="class-sync-field">
          <label for={`${id}-user`}>User name (optional)</label>
          <input
            id={`${id}-user`}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            value={username()}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
        <div class="class-sync-field">
          <label for={`${id}-password`}>Password (optional)</label>
          <input
            id={`${id}-password`}
            type="password"
            autocomplete="off"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <p class="class-sync-note">
          The user name and password are kept on this device only, and sent only to the class database.
        </p>
        <p class="class-sync-note">{role() === 'teacher' ? SHARED_BY_TEACHER : SHARED_BY_LEARNER}</p>
        <div class="class-sync-actions">
          <button type="submit" disabled={props.sync.busy()}>
            {on_() ? 'Reconnect with these settings' : 'Connect'}
          </button>
          <Show when={props.sync.settings()}>
            <button type="button" disabled={props.sync.busy()} onClick={() => void props.sync.turnOff(true)}>
              Forget these settings
            </button>
          </Show>
        </div>
      </form>
    </section>
  );
}
