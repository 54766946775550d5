// Code from someone else cannot touch the learner's work: a shared program
// tries every way out of Python it could, and afterwards the projects, the
// history and the offline copy are all still there, read back through the app.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { editorText, openApp, output, run, runCode, setCode, shareHash, waitForPython } from './helpers.ts';

/** Each attempt prints `<name>: refused (…)` or `<name>: went through`; requests go to /__attack__/<name>. */
const ATTACK = String.raw`import js, pyodide

def attempt(name, action):
    try:
        action()
        print(f"{name}: went through")
    except BaseException as error:
        print(f"{name}: refused ({type(error).__name__})")

def blob_worker():
    code = "fetch('/__attack__/worker'); indexedDB.deleteDatabase('python-playground'); postMessage('x')"
    blob = js.Blob.new([code], pyodide.ffi.to_js({"type": "text/javascript"}, dict_converter=js.Object.fromEntries))
    js.Worker.new(js.URL.createObjectURL(blob))

def sync_request():
    xhr = js.XMLHttpRequest.new()
    xhr.open("GET", "/__attack__/xhr", False)
    xhr.send()

attempt("indexedDB.open", lambda: js.indexedDB.open("python-playground"))
attempt("indexedDB.deleteDatabase", lambda: js.indexedDB.deleteDatabase("python-playground"))
attempt("caches.keys", lambda: js.caches.keys())
attempt("localStorage", lambda: js.localStorage.clear())
attempt("sessionStorage", lambda: js.sessionStorage.clear())
attempt("serviceWorker", lambda: js.navigator.serviceWorker.getRegistrations())
attempt("parent", lambda: js.parent.location.assign("/__attack__/parent"))
attempt("top", lambda: js.top.document.body)
attempt("run_js", lambda: pyodide.code.run_js("fetch('/__attack__/run-js'); indexedDB.deleteDatabase('python-playground')"))
attempt("Function", lambda: js.Function("return fetch('/__attack__/function')")())
attempt("eval", lambda: js.eval("fetch('/__attack__/eval')"))
attempt("importScripts", lambda: js.importScripts("/__attack__/import-scripts.js"))
attempt("blob worker", blob_worker)
attempt("sync request", sync_request)
js.fetch("/__attack__/fetch")
js.fetch(js.location.origin + "/__attack__/fetch-absolute")
js.postMessage(pyodide.ffi.to_js({"type": "done", "id": 1, "status": "ok", "durationMs": 0}, dict_converter=js.Object.fromEntries))
print("all tried")
`;

/** Every request the browser makes for an /__attack__ path, from the page, a worker or the service worker. */
function watchAttackRequests(page: Page): string[] {
  const seen: string[] = [];
  page.context().on('request', (request) => {
    if (request.url().includes('__attack__')) seen.push(request.url());
  });
  return seen;
}

test('a shared program cannot reach the projects, the history, storage, the network or the page', async ({ page }) => {
  test.setTimeout(150_000);
  const attacks = watchAttackRequests(page);
  await openApp(page);
  await setCode(page, 'print("my own work")');
  expect(await run(page)).toBe('ok');
  const hash = await shareHash(page, [{ name: 'main.py', content: ATTACK }]);

  await page.goto('/' + hash);
  await waitForPython(page);
  await expect(page.getByRole('combobox', { name: 'Project' })).toContainText('Shared code');
  expect(await run(page)).toBe('ok');
  const lines = (await output(page).innerText()).trimEnd().split('\n');
  expect(lines.at(-1)).toBe('all tried');
  for (const line of lines.slice(0, -1)) expect(line).toMatch(/: refused \(/);
  expect(lines).toHaveLength(15);
  // Whatever was started without waiting (fetches, a worker) had time to go out by now.
  await page.waitForTimeout(1000);
  expect(attacks).toEqual([]);
  await expect(output(page)).not.toContainText('went through');

  // Everything is still there, read back through the app: the own project, its run, the offline copy.
  await page.getByRole('combobox', { name: 'Project' }).selectOption({ label: 'My project' });
  await expect.poll(() => editorText(page)).toBe('print("my own work")');
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog', { name: 'History of My project' });
  await expect(history.getByRole('status')).toContainText('1 run');
  await history.getByRole('button', { name: 'Close' }).click();
  await page.context().setOffline(true);
  await page.reload();
  await waitForPython(page);
  expect(await runCode(page, 'print("still offline-ready")')).toBe('ok');
  await expect(output(page)).toHaveText('still offline-ready');
  await page.context().setOffline(false);
});

test('the learner’s own code keeps the fast path; a shared program runs sandboxed, with the network off until allowed', async ({
  page,
}) => {
  await openApp(page);
  expect(await runCode(page, 'import js\nprint(js.eval("typeof indexedDB + \' \' + typeof caches"))')).toBe('ok');
  await expect(output(page)).toHaveText('object object');

  const program = 'import js\nprint(js.eval("1 + 1"))';
  const hash = await shareHash(page, [{ name: 'main.py', content: program }]);
  await page.goto('/' + hash);
  await waitForPython(page);
  expect(await run(page)).toBe('error');
  await expect(output(page)).toContainText('EvalError');

  // A request to the network is refused, and the learner is asked.
  await setCode(page, 'import js\njs.fetch("https://example.org/data.json")\nprint("asked")');
  expect(await run(page)).toBe('ok');
  const ask = page
    .getByRole('status')
    .filter({ hasText: 'This program wants to use the network (to reach example.org)' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Allow network' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The network is allowed for this project' })).toBeVisible();
});
