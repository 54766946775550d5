import { Show } from 'solid-js';
import { CheckResults } from '../../lessons/client/CheckResults.tsx';
import type { CheckRun } from './authoring.ts';
import type { RunTarget } from './pack-edit.ts';

function RunColumn(props: { target: RunTarget; run: CheckRun | undefined; running: boolean }) {
  const name = () => (props.target === 'solution' ? 'Solution' : 'Starter');
  return (
    <section class="teach-run" aria-label={`Checks on the ${props.target}`}>
      <h4>{name()}</h4>
      <div aria-live="polite">
        <Show when={!props.running} fallback={<p class="teach-run-note">Checking the {props.target}…</p>}>
          <Show when={props.run} fallback={<p class="teach-run-note">Not run yet.</p>}>
            {(run) => (
              <>
                <p
                  class={
                    run().verdict.asExpected ? 'teach-verdict teach-verdict-ok' : 'teach-verdict teach-verdict-warn'
                  }
                >
                  <span aria-hidden="true">{run().verdict.asExpected ? '✓ ' : '⚠ '}</span>
                  {run().verdict.text}
                </p>
                <Show when={run().verdict.warning}>
                  <p class="teach-warning">{run().verdict.warning}</p>
                </Show>
                <Show when={run().stale}>
                  <p class="teach-run-note">You changed the exercise since: run the checks again.</p>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </div>
      <Show when={!props.running && props.run}>
        {(run) => (
          <details class="teach-run-details">
            <summary>Each check</summary>
            <CheckResults report={run().report} checking={false} checks={run().checks} />
          </details>
        )}
      </Show>
    </section>
  );
}

/**
 * The last runs of an exercise's checks on the solution (which must pass) and on the starter code (which should
 * fail), side by side on a wide screen; each says in words whether it came out as it should.
 */
export function CheckRunResults(props: {
  solution?: CheckRun;
  starter?: CheckRun;
  /** Which run is under way, if one is. */
  running?: RunTarget;
}) {
  return (
    <div class="teach-runs">
      <RunColumn target="solution" run={props.solution} running={props.running === 'solution'} />
      <RunColumn target="starter" run={props.starter} running={props.running === 'starter'} />
    </div>
  );
}
