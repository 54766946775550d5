import { createMemo, createUniqueId, For, onMount, Show } from 'solid-js';
import { ClassCharts } from './ClassCharts.tsx';
import { ClassTable, ExerciseStatsTable } from './ClassTable.tsx';
import { CodeCompare } from './CodeCompare.tsx';
import { CodeVerifier } from './CodeVerifier.tsx';
import type { Dashboard } from './dashboard.ts';
import { QrScanner } from './QrScanner.tsx';
import { ReportImport } from './ReportImport.tsx';
import './classroom.css';

function count(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The teacher's class dashboard: pick a class and a pack, bring reports in (files, a folder, links, QR codes),
 * see the class's progress as a table and charts, check completion codes, export a CSV, clear the class's
 * reports. Every figure is marked self-reported, and the page says why once, plainly.
 */
export function ClassView(props: { dashboard: Dashboard }) {
  // eslint-disable-next-line solid/reactivity -- the controller lives as long as the view
  const d = props.dashboard;
  const titleId = createUniqueId();
  const selfId = createUniqueId();

  onMount(() => void d.load());

  const table = () => d.table();
  const learners = createMemo(() => {
    const names = new Map<string, string>();
    for (const name of d.teacherClass()?.learners ?? []) names.set(name.toLowerCase(), name);
    for (const row of table().rows)
      if (!names.has(row.learner.toLowerCase())) names.set(row.learner.toLowerCase(), row.learner);
    return [...names.values()].sort((a, b) => a.localeCompare(b));
  });
  const missingRevisions = createMemo(() =>
    table()
      .revisions.filter((r) => !r.teacherHas)
      .map((r) => r.revision),
  );

  return (
    <section class="class-view" aria-labelledby={titleId} aria-busy={d.loading() ? true : undefined}>
      <h2 id={titleId}>Class dashboard</h2>
      <p id={selfId} class="class-self-note">
        <span class="class-self-reported">self-reported</span> Every figure here comes from the learners’ own reports: a
        report file can be edited by the learner who holds it, and its checksum only catches damage and clumsy edits.
      </p>

      <div class="class-pickers">
        <Show
          when={d.classes().length > 0}
          fallback={
            <p class="class-note">
              No classes yet: import the reports learners handed in, or set up a class in Teach mode.
            </p>
          }
        >
          <label>
            Class
            <select value={d.classId() ?? ''} onChange={(e) => void d.selectClass(e.currentTarget.value)}>
              <For each={d.classes()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={d.packs().length > 1}>
          <label>
            Pack
            <select value={d.packId() ?? ''} onChange={(e) => void d.selectPack(e.currentTarget.value)}>
              <For each={d.packs()}>
                {(p) => (
                  <option value={p.id}>
                    {p.title} ({count(p.reports, 'report')})
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
        <Show when={d.packs().length === 1 && d.pack()}>{(p) => <p class="class-note">Pack: {p().title}</p>}</Show>
      </div>

      <div class="class-bring">
        <ReportImport
          busy={d.importing()}
          summary={d.lastImport()}
          onFiles={(files) => void d.importFiles(files)}
          onLink={(text) => void d.importLink(text)}
          onDismiss={d.dismissImport}
        />
        <QrScanner onText={(text) => d.importQr(text)} />
      </div>
      <Show when={d.syncNote()}>
        <p class="class-note" role="status">
          {d.syncNote()}
        </p>
      </Show>

      <Show
        when={table().rows.length > 0}
        fallback={
          <Show when={!d.loading() && d.classes().length > 0}>
            <p class="class-note">No reports for this class yet. Import the reports learners handed in.</p>
          </Show>
        }
      >
        <p class="class-summary">
          {count(table().totals.learners, 'learner')}, {count(table().totals.reports, 'report')}
          <Show when={table().totals.tampered > 0}>
            , <span class="class-tampered">{table().totals.tampered} edited or damaged</span>
          </Show>
          . <span class="class-self-reported">self-reported</span>
        </p>
        <Show when={table().revisions.length > 1}>
          <p class="class-note">
            Reports were made with revisions{' '}
            {table()
              .revisions.map((r) => r.revision)
              .join(', ')}{' '}
            of the pack; each row is shown against its own revision (“rev N” next to the name when it is not the
            newest).
          </p>
        </Show>
        <Show when={missingRevisions().length > 0}>
          <p class="class-note">
            This device does not have revision {missingRevisions().join(', ')} of the pack: those exercises are shown
            with the titles in the learners’ reports, and their solutions cannot be shown.
          </p>
        </Show>
        <p class="class-note">
          ✓ passed · tried ×N: tried, N presses of Check · ○ not started · – not in their version · S saw the solution.
          Choose a cell to see the learner’s code next to the solution.
        </p>
        <ClassTable
          table={table()}
          rows={d.rows()}
          sort={d.sort()}
          onSort={d.sortBy}
          onOpen={(key, exercise) => void d.openCell(key, exercise)}
          describedBy={selfId}
        />
        <ExerciseStatsTable table={table()} describedBy={selfId} />
        <ClassCharts table={table()} progress={d.progress()} />
      </Show>

      <CodeVerifier
        learners={learners()}
        unavailable={
          d.teacherClass()?.secret
            ? undefined
            : 'Codes can be checked only for a class set up on this device in Teach mode (its secret is kept there).'
        }
        onVerify={(code, learner) => d.verifyCode(code, learner)}
      />

      <div class="class-actions class-footer">
        <button type="button" disabled={table().rows.length === 0} onClick={() => d.exportCsv()}>
          Export CSV
        </button>
        <Show when={d.classId() !== undefined}>
          <button
            type="button"
            class="danger"
            disabled={d.packs().length === 0}
            onClick={() => void d.clearClass(d.classId()!)}
          >
            Clear this class’s reports
          </button>
        </Show>
      </div>

      <CodeCompare opened={d.opened()} onClose={d.closeCell} />
    </section>
  );
}
