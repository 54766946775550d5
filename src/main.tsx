import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import { PythonRunner } from './runner/runner-client.ts';
import './styles/app.css';

// Python starts loading before the UI renders: the editor is usable while it does.
const runner = new PythonRunner({
  indexURL: new URL(import.meta.env.BASE_URL + __PYODIDE_PATH__, location.href).href,
  createWorker: () =>
    new Worker(new URL('./worker/python.worker.ts', import.meta.url), { type: 'module', name: 'python' }),
});

render(() => <App runner={runner} />, document.getElementById('root')!);
