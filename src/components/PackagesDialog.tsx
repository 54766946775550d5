import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import {
  defaultPackageSource,
  listPackages,
  makeAvailableOffline,
  offlineFiles,
  PackageDownloadError,
  packageSource,
  removeOffline,
  setPackageSource,
  withDependencies,
  type PackageInfo,
} from '../packages/package-store.ts';
import { megabytes } from '../lib/units.ts';

/** What went wrong with a download, and what the learner can do about it. */
export function downloadProblem(error: unknown, name: string, source: string): string {
  let host = source;
  try {
    host = new URL(source).host;
  } catch {
    // A source that is not a URL is shown as it is.
  }
  if (error instanceof PackageDownloadError) {
    const which = error.packageName && error.packageName !== name ? ` (${error.packageName}, which it needs)` : '';
    switch (error.kind) {
      case 'network':
        return `${name}${which} could not be downloaded: ${host} could not be reached. Check that this device is connected to the internet, or change the package source below, then try again.`;
      case 'http':
        return error.status === 404
          ? `${name}${which} could not be downloaded: ${host} does not have it (HTTP 404). If the package source is a mirror, it may be for another version of Pyodide.`
          : `${name}${which} could not be downloaded: ${host} answered with an error (HTTP ${error.status}). Try again later, or use another package source.`;
      case 'storage':
        return `${name} was downloaded but could not be kept on this device: storage may be full. Free some space (Settings shows how much is used) and try again.`;
    }
  }
  return `${name} could not be downloaded (${(error as Error)?.message ?? error}). Try again later.`;
}

/** Most rows shown at once; the search narrows the rest down. */
const MAX_ROWS = 60;

/** Packages beyond the standard library: which work offline, and making more of them do so. */
export function PackagesDialog(props: {
  online: () => boolean;
  /** Called after the package source changed, so Python restarts with it. */
  onSourceChanged: () => void;
  ref: (dialog: HTMLDialogElement) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const [packages] = createResource(open, () => listPackages());
  const [kept, { refetch }] = createResource(open, () => offlineFiles());
  const [query, setQuery] = createSignal('');
  const [busy, setBusy] = createSignal<{ name: string; loaded: number; total?: number }>();
  const [note, setNote] = createSignal('');
  const [source, setSource] = createSignal(packageSource());

  const byKey = createMemo(() => new Map((packages() ?? []).map((p) => [p.key, p])));
  const shown = createMemo(() => {
    const q = query().trim().toLowerCase();
    const all = packages() ?? [];
    const list = q
      ? all.filter((p) => p.name.toLowerCase().includes(q))
      : all.filter((p) => p.bundled || kept()?.has(p.fileName));
    return { total: list.length, rows: list.slice(0, MAX_ROWS) };
  });
  const keptBytes = () => [...(kept()?.values() ?? [])].reduce((a, b) => a + b, 0);
  const available = (p: PackageInfo) => p.bundled || (kept()?.has(p.fileName) ?? false);

  const download = async (pkg: PackageInfo) => {
    const needed = withDependencies(pkg.key, byKey());
    setNote('');
    setBusy({ name: pkg.name, loaded: 0 });
    try {
      await makeAvailableOffline(needed, (loaded, total) => setBusy({ name: pkg.name, loaded, total }));
      const extra = needed.length > 1 ? ` (with ${needed.length - 1} it needs)` : '';
      setNote(`${pkg.name}${extra} is now available offline.`);
    } catch (error) {
      setNote(downloadProblem(error, pkg.name, packageSource()));
    } finally {
      setBusy(undefined);
      await refetch();
    }
  };

  const remove = async (pkg: PackageInfo) => {
    await removeOffline(pkg);
    setNote(`${pkg.name} was removed from this device. It downloads again when a program imports it online.`);
    await refetch();
  };

  const saveSource = (event: SubmitEvent) => {
    event.preventDefault();
    setPackageSource(source());
    setSource(packageSource());
    setNote(`Packages now come from ${packageSource()}.`);
    props.onSourceChanged();
  };

  return (
    <dialog
      ref={(el) => {
        props.ref(el);
        new MutationObserver(() => setOpen(el.open)).observe(el, { attributes: true, attributeFilter: ['open'] });
      }}
      class="settings packages"
      aria-labelledby="packages-title"
    >
      <div class="dialog-head">
        <h2 id="packages-title">Packages</h2>
        <button
          type="button"
          class="small"
          aria-label="Close packages"
          onClick={(e) => e.currentTarget.closest('dialog')!.close()}
        >
          ✕
        </button>
      </div>
      <p>
        Python's standard library always works offline. Other packages (numpy, matplotlib, …) download the first time a
        program imports them and then stay on this device. You can also make them available offline now.
      </p>
      <p role="status">
        {kept() ? `${kept()!.size} package files kept on this device (${megabytes(keptBytes())} MB).` : ''}
        <Show when={!props.online()}> You are offline: only packages already on this device can be used.</Show>
      </p>

      <label class="field">
        <span>Find a package</span>
        <input
          type="search"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          placeholder="numpy"
          onKeyDown={(e) => {
            // A search field eats Escape (to clear itself): in this panel Escape closes, as everywhere else.
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.currentTarget.closest('dialog')!.close();
          }}
        />
      </label>

      <Show when={busy()}>
        {(b) => (
          <div class="download">
            <Show when={b().total} fallback={<progress aria-label={`Downloading ${b().name}`} />}>
              {(total) => <progress aria-label={`Downloading ${b().name}`} max={total()} value={b().loaded} />}
            </Show>
            <span>
              {megabytes(b().loaded)}
              {b().total ? ` of ${megabytes(b().total!)}` : ''} MB
            </span>
          </div>
        )}
      </Show>
      <p role="status" class="bar-note">
        {note()}
      </p>

      <Show when={packages()} fallback={<p>Reading the list of packages…</p>}>
        <p class="bar-note">
          {query()
            ? `${shown().total} matching ${shown().total === 1 ? 'package' : 'packages'}${shown().total > MAX_ROWS ? ` (first ${MAX_ROWS} shown)` : ''}.`
            : 'Packages available offline (search to find others):'}
        </p>
        <ul class="package-list" aria-label="Packages">
          <Show when={shown().total === 0}>
            <li class="package-none">
              {query()
                ? `No package is called anything like “${query().trim()}”.`
                : 'None yet. Search for a package above to make it available offline.'}
            </li>
          </Show>
          <For each={shown().rows}>
            {(pkg) => (
              <li>
                <span class="package-name">{pkg.name}</span> <span class="bar-note">{pkg.version}</span>
                <span class="package-state">
                  {pkg.bundled
                    ? 'Included with the app'
                    : available(pkg)
                      ? `Available offline (${megabytes(kept()!.get(pkg.fileName)!)} MB)`
                      : 'Downloads when imported'}
                </span>
                <Show when={!pkg.bundled && !available(pkg)}>
                  <button
                    type="button"
                    class="small"
                    disabled={busy() !== undefined || !props.online()}
                    aria-label={`Make ${pkg.name} available offline`}
                    onClick={() => void download(pkg)}
                  >
                    Make available offline
                  </button>
                </Show>
                <Show when={!pkg.bundled && available(pkg)}>
                  <button
                    type="button"
                    class="small"
                    aria-label={`Remove ${pkg.name}`}
                    onClick={() => void remove(pkg)}
                  >
                    Remove
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <form class="field" onSubmit={saveSource}>
        <label for="package-source">Package source</label>
        <input
          id="package-source"
          type="url"
          value={source()}
          onInput={(e) => setSource(e.currentTarget.value)}
          required
        />
        <button type="submit" class="small">
          Save
        </button>
        <button
          type="button"
          class="small"
          onClick={() => {
            setPackageSource('');
            setSource(defaultPackageSource());
            props.onSourceChanged();
          }}
        >
          Use default
        </button>
      </form>
      <p class="bar-note">
        A mirror must serve this Pyodide version's files with CORS enabled. Python restarts to use a new source.
      </p>
    </dialog>
  );
}
