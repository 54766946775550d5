import { createResource, createSignal, Show, type JSX } from 'solid-js';
import type { History } from '../controllers/history.ts';
import type { Report, Transfer } from '../controllers/transfer.ts';
import type { OfflineCheck, OfflineClient } from '../offline/offline-client.ts';
import { canInstall, install, isInstalled, needsIOSHint, requestPersistence, storageInfo } from '../offline/install.ts';
import { megabytes } from '../lib/units.ts';

/** Settings and About: versions, offline files, storage, installation. */
export function SettingsDialog(props: {
  offline: OfflineClient;
  transfer: Transfer;
  history: History;
  pythonVersion: string;
  /** Long lines wrap in the editor. */
  wrap: boolean;
  onWrap: (wrap: boolean) => void;
  /** Errors are explained in plain words under the traceback. */
  explain: boolean;
  onExplain: (explain: boolean) => void;
  /** The Teach and Class pages are shown. */
  teachMode: boolean;
  onTeachMode: (on: boolean) => void;
  /** The Class sync section (its own component, from the classroom feature). */
  classSync?: JSX.Element;
  onReport: (report: Report) => void;
  ref: (dialog: HTMLDialogElement) => void;
}) {
  const [storage, { refetch }] = createResource(storageInfo);
  const [history, { refetch: refetchHistory }] = createResource(async () => props.history.settings());
  const [withHistory, setWithHistory] = createSignal(true);
  const [dataNote, setDataNote] = createSignal('');
  let restorePicker!: HTMLInputElement;
  const [check, setCheck] = createSignal<OfflineCheck | 'checking' | 'unavailable'>();
  const [repairNote, setRepairNote] = createSignal('');

  const runCheck = async () => {
    setCheck('checking');
    setCheck((await props.offline.check(true)) ?? 'unavailable');
  };
  const repair = async () => {
    setRepairNote('Repairing…');
    const result = await props.offline.repair();
    if (!result) setRepairNote('Repair is not available here.');
    else if (result.failed.length)
      setRepairNote(`${result.failed.length} files could not be downloaded: connect to the internet and try again.`);
    else setRepairNote(`Repaired ${result.repaired} files.`);
    await runCheck();
  };
  const problems = () => {
    const c = check();
    return typeof c === 'object' ? c.missing.length + c.damaged.length : 0;
  };

  return (
    <dialog
      ref={(el) => {
        props.ref(el);
        new MutationObserver(() => el.open && (void refetch(), void refetchHistory())).observe(el, {
          attributes: true,
          attributeFilter: ['open'],
        });
      }}
      class="settings"
      aria-labelledby="settings-title"
    >
      <div class="dialog-head">
        <h2 id="settings-title">Settings and about</h2>
        <button
          type="button"
          class="small"
          aria-label="Close settings"
          onClick={(e) => e.currentTarget.closest('dialog')!.close()}
        >
          ✕
        </button>
      </div>

      <section aria-labelledby="about-title">
        <h3 id="about-title">About</h3>
        <p>
          Python Playground, build <code>{import.meta.env.VITE_BUILD_ID}</code>. Python{' '}
          {props.pythonVersion || '(starting)'} via Pyodide {__PYODIDE_VERSION__}, running in your browser: your code
          never leaves this device.
        </p>
      </section>

      <section aria-labelledby="display-title">
        <h3 id="display-title">Display</h3>
        <label class="check">
          <input type="checkbox" checked={props.wrap} onChange={(e) => props.onWrap(e.currentTarget.checked)} /> Wrap
          long lines in the editor
        </label>
        <label class="check">
          <input type="checkbox" checked={props.explain} onChange={(e) => props.onExplain(e.currentTarget.checked)} />{' '}
          Explain errors in plain words
        </label>
      </section>

      <section aria-labelledby="teaching-title">
        <h3 id="teaching-title">Teaching</h3>
        <label class="check">
          <input
            type="checkbox"
            checked={props.teachMode}
            onChange={(e) => props.onTeachMode(e.currentTarget.checked)}
          />{' '}
          Teach mode
        </label>
        <p class="hint">
          Adds the Teach page (write lesson packs and hand them out) and the Class page (your class's reports). No
          account: everything stays on this device.
        </p>
      </section>
      {props.classSync}

      <section aria-labelledby="offline-title">
        <h3 id="offline-title">Offline use</h3>
        <p>
          {(() => {
            const s = props.offline.state();
            if (s.kind === 'ready') return 'Everything needed to run Python is stored on this device.';
            if (s.kind === 'preparing') return 'Downloading the files needed offline…';
            if (s.kind === 'failed') return s.why;
            return 'Offline use is not available in this browser or mode.';
          })()}
        </p>
        <Show when={props.offline.state().kind === 'ready'}>
          <button type="button" onClick={runCheck} disabled={check() === 'checking'}>
            Check offline files
          </button>{' '}
          <Show when={problems() > 0}>
            <button type="button" onClick={repair}>
              Repair offline files
            </button>
          </Show>
          <p role="status">
            {(() => {
              const c = check();
              if (c === 'checking') return 'Checking…';
              if (c === 'unavailable') return 'The check is not available here.';
              if (!c) return '';
              if (problems() === 0) return `All ${c.totalFiles} offline files are present and intact.`;
              return `${c.missing.length} missing and ${c.damaged.length} damaged of ${c.totalFiles} offline files.`;
            })()}{' '}
            {repairNote()}
          </p>
        </Show>
      </section>

      <section aria-labelledby="storage-title">
        <h3 id="storage-title">Storage on this device</h3>
        <Show when={storage()} fallback={<p>Reading storage…</p>}>
          {(info) => (
            <>
              <p>
                <Show when={info().usage !== undefined} fallback="The browser does not report storage use.">
                  Using {megabytes(info().usage!)} MB of {megabytes(info().quota ?? 0)} MB available.
                </Show>{' '}
                {info().persisted
                  ? 'Storage is persistent: the browser will not clear it to make room.'
                  : 'Storage is not yet persistent: the browser may clear it when space runs low.'}
              </p>
              <Show when={!info().persisted}>
                <button type="button" onClick={async () => (await requestPersistence(), refetch())}>
                  Keep my data on this device
                </button>
              </Show>
            </>
          )}
        </Show>
      </section>

      <section aria-labelledby="data-title">
        <h3 id="data-title">Your work</h3>
        <Show
          when={props.transfer.canBackUp}
          fallback={<p>Projects cannot be kept on this device in this browser mode: export them to keep them.</p>}
        >
          <>
            <p>Every project and every run is kept on this device. A backup keeps them safe elsewhere too.</p>
            <label class="check">
              <input
                type="checkbox"
                checked={withHistory()}
                onChange={(e) => setWithHistory(e.currentTarget.checked)}
              />{' '}
              Include the run history
            </label>
            <div class="panel-actions">
              <button
                type="button"
                onClick={async () => {
                  setDataNote('Preparing the backup…');
                  await props.transfer.backUp(withHistory());
                  setDataNote('Backup downloaded.');
                }}
              >
                Back up everything
              </button>
              <button type="button" onClick={() => restorePicker.click()}>
                Restore from backup
              </button>
              <input
                ref={restorePicker}
                type="file"
                accept=".zip"
                hidden
                aria-label="Choose a backup to restore"
                onChange={async (e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (!file) return;
                  setDataNote('Restoring…');
                  const report = await props.transfer.restore(file);
                  setDataNote(report.text);
                  props.onReport(report);
                }}
              />
            </div>
            <p role="status" class="bar-note">
              {dataNote()}
            </p>
            <Show when={history()}>
              {(h) => (
                <form
                  class="field"
                  onSubmit={async (e) => {
                    e.preventDefault();
                    const form = e.currentTarget.elements;
                    const maxRuns = Number((form.namedItem('maxRuns') as HTMLInputElement).value);
                    const maxMegabytes = Number((form.namedItem('maxMegabytes') as HTMLInputElement).value);
                    await props.history.setSettings({ maxRuns, maxMegabytes });
                    setDataNote(`History keeps the last ${maxRuns} runs, up to ${maxMegabytes} MB.`);
                  }}
                >
                  <label>
                    Keep the last <input name="maxRuns" type="number" min="10" max="100000" value={h().maxRuns} /> runs
                  </label>
                  <label>
                    up to <input name="maxMegabytes" type="number" min="1" max="10000" value={h().maxMegabytes} /> MB
                  </label>
                  <button type="submit" class="small">
                    Save
                  </button>
                </form>
              )}
            </Show>
          </>
        </Show>
      </section>

      <section aria-labelledby="install-title">
        <h3 id="install-title">Install</h3>
        <Show when={isInstalled()}>
          <p>Installed: the app opens from its own icon and works with no network.</p>
        </Show>
        <Show when={canInstall()}>
          <p>Install the app to open it from its own icon, with no browser around it.</p>
          <button type="button" onClick={() => void install()}>
            Install app
          </button>
        </Show>
        <Show when={needsIOSHint()}>
          <p>To install on iPhone or iPad: tap Share, then “Add to Home Screen”.</p>
        </Show>
        <Show when={!isInstalled() && !canInstall() && !needsIOSHint()}>
          <p>This browser does not offer installation right now; the app still works offline in this tab.</p>
        </Show>
      </section>
    </dialog>
  );
}
