import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import type { LayoutController, PhoneView } from '../controllers/layout.ts';
import type { RunSession } from '../controllers/run-session.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { BottomBar } from './BottomBar.tsx';
import type { CheckControl } from './RunControls.tsx';
import { CodeEditor, type EditorApi } from './CodeEditor.tsx';
import { FilePreview } from './FilePreview.tsx';
import { FileTabs } from './FileTabs.tsx';
import { OutputPanel } from './OutputPanel.tsx';
import { DrawingPanel } from '../features/turtle/client/DrawingPanel.tsx';
import type { TurtleDrawing } from '../features/turtle/client/turtle-drawing.ts';

/** What the project panel needs from the workbench around it. */
export interface PanelHost {
  /** A file was picked or created: on small screens the drawer makes way, and the editor takes over. */
  fileChosen(how: 'picked' | 'created'): void;
  /** Opens something over the page (a dialog): the drawer closes first. */
  open(show: () => void): void;
}

/**
 * Where code is written and run: the files (a panel, or a drawer on smaller
 * screens), the editor and the output, arranged for the screen (see
 * controllers/layout.ts), and on phones the bottom bar.
 */
export function Workbench(props: {
  workspace: Workspace;
  session: RunSession;
  drawing: TurtleDrawing;
  onDownloadDrawing: () => void;
  /** Download of a project file (the preview of a binary file offers it). */
  onDownloadFile: (path: string) => void;
  screen: LayoutController;
  /** The project panel, made for this host. */
  panel: (host: PanelHost) => JSX.Element;
  editorRef: (api: EditorApi) => void;
  askPython: (source: string, offset: number) => ReturnType<Parameters<typeof CodeEditor>[0]['callbacks']['askPython']>;
  pythonReady: () => boolean;
  wrap: boolean;
  textSize: number;
  /** The project is an exercise: its panel (instructions, Check results, hints) is shown beside the code. */
  exerciseOpen?: boolean;
  exercise?: JSX.Element;
  check?: CheckControl;
  /** Stop: a run, or checks; false when nothing ran. */
  onStop?: () => boolean;
}) {
  // eslint-disable-next-line solid/reactivity -- these live as long as the workbench
  const { workspace, session, screen, drawing } = props;
  let editor!: EditorApi;
  let drawer: HTMLDialogElement | undefined;
  const phone = () => screen.layout() === 'phone';
  const withExercise = () => props.exerciseOpen === true;
  /** The files are in a drawer: on smaller screens, and beside an exercise (its panel takes their place). */
  const filesInDrawer = () => screen.layout() !== 'wide' || withExercise();
  const stop = () => (props.onStop ? props.onStop() : session.stop());
  /** The active file holds bytes: a preview stands where the editor is. */
  const binaryActive = () => {
    const content = workspace.content(workspace.state.active);
    return content instanceof Uint8Array ? content : undefined;
  };
  /** On a phone, output arrived while the code was in front. */
  const [outputNews, setOutputNews] = createSignal(false);
  const show = (view: PhoneView) => {
    screen.show(view);
    if (view === 'output') setOutputNews(false);
  };
  // A turtle program's drawing comes to the front on a phone when it starts drawing.
  drawing.onShow(() => show('drawing'));
  onCleanup(
    session.activity.subscribe((what) => {
      // On a phone the output comes to the front when a run starts and when the program asks for input
      // (a drawing, when there is one, stays in front as the run starts).
      const drawingInFront = screen.view() === 'drawing' && drawing.shown();
      if (what === 'input' || (what === 'run-start' && !drawingInFront)) show('output');
      else if (phone() && screen.view() !== 'output') setOutputNews(true);
    }),
  );

  const host: PanelHost = {
    fileChosen(how) {
      const inDrawer = drawer?.open ?? false;
      drawer?.close();
      show('code');
      if (how === 'created' || inDrawer) editor.focus();
    },
    open(showDialog) {
      drawer?.close();
      showDialog();
    },
  };

  return (
    <>
      <main class="workbench" classList={{ 'with-drawing': drawing.shown(), 'with-exercise': withExercise() }}>
        <Show when={!filesInDrawer()}>{props.panel(host)}</Show>
        <Show when={withExercise()}>
          <div class="exercise-column" classList={{ 'phone-hidden': phone() && screen.view() !== 'code' }}>
            {props.exercise}
          </div>
        </Show>
        <section
          class="editor-panel"
          id="editor-panel"
          aria-label="Editor"
          classList={{ 'phone-hidden': phone() && screen.view() !== 'code' }}
        >
          <h2 id="editor-heading" class="visually-hidden">
            Code editor
          </h2>
          <div class="file-bar">
            <Show when={filesInDrawer()}>
              <button
                type="button"
                class="small panel-toggle"
                aria-haspopup="dialog"
                onClick={() => drawer?.showModal()}
              >
                <span aria-hidden="true">☰ </span>Files
              </button>
            </Show>
            <FileTabs workspace={workspace} />
          </div>
          <Show when={binaryActive()}>
            {(content) => (
              <FilePreview
                name={workspace.state.active}
                content={content()}
                onDownload={() => props.onDownloadFile(workspace.state.active)}
              />
            )}
          </Show>
          <CodeEditor
            workspace={workspace}
            labelledBy="editor-heading"
            hidden={binaryActive() !== undefined}
            wrap={props.wrap}
            textSize={props.textSize}
            ref={(api) => {
              editor = api;
              props.editorRef(api);
            }}
            callbacks={{
              onRun: () => void session.run(),
              onStop: stop,
              askPython: (source, offset) => props.askPython(source, offset),
            }}
          />
        </section>
        <div class="run-column" classList={{ 'phone-hidden': phone() && screen.view() === 'code' }}>
          <DrawingPanel
            drawing={props.drawing}
            hidden={phone() && screen.view() !== 'drawing'}
            onDownload={props.onDownloadDrawing}
          />
          <OutputPanel
            session={session}
            hidden={phone() && screen.view() !== 'output'}
            pythonReady={props.pythonReady}
            isLearnerFile={(file) => workspace.content(file) !== undefined}
            onOpenLocation={(file, line) => {
              show('code');
              editor.goTo(file, line);
            }}
          />
        </div>
      </main>
      <Show when={phone()}>
        <BottomBar
          view={screen.view()}
          withDrawing={props.drawing.shown()}
          onView={show}
          outputNews={outputNews()}
          running={session.running()}
          onRun={() => void session.run()}
          onStop={stop}
          check={props.check}
        />
      </Show>
      <Show when={filesInDrawer()}>
        <dialog
          ref={(el) => (drawer = el)}
          class="drawer"
          aria-labelledby="drawer-title"
          onClick={(e) => {
            // A click on the backdrop reaches the dialog itself, outside its box (its padding is inside).
            const r = e.currentTarget.getBoundingClientRect();
            const outside = e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom;
            if (e.target === e.currentTarget && outside) e.currentTarget.close();
          }}
        >
          <div class="dialog-head">
            <h2 id="drawer-title">Project and files</h2>
            <button type="button" class="small" aria-label="Close files" onClick={() => drawer?.close()}>
              ✕
            </button>
          </div>
          {props.panel(host)}
        </dialog>
      </Show>
    </>
  );
}
