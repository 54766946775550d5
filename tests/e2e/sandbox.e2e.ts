// Code from someone else cannot touch the learner's work: a shared program
// tries every way out of Python it could, and afterwards the projects, the
// history and the offline copy are all still there, read back through the app.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  editorText,
  openApp,
  output,
  run,
  runAndStop,
  runCode,
  runEndCount,
  setCode,
  shareHash,
  waitForPython,
  waitForRunEnd,
} from './helpers.ts';

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

test('a shared program asks with input(), sleeps, draws with turtle, stops, and starts in the sandbox again after a reload', async ({
  page,
}) => {
  // Three starts of Python (the app's, the sandbox's, the sandbox's again after the reload): 50–60 s in CI on
  // 2 cores beside another test, too close to the default minute.
  test.setTimeout(150_000);
  await openApp(page);
  const program = 'import time\nname = input("Name? ")\ntime.sleep(0.2)\nprint("Hello,", name)';
  await page.goto('/' + (await shareHash(page, [{ name: 'main.py', content: program }])));
  await waitForPython(page);
  await expect(page.getByRole('combobox', { name: 'Project' })).toContainText('Shared code');

  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const input = page.getByRole('textbox', { name: 'Input' });
  await expect(output(page)).toContainText('Name?');
  await input.fill('Ada');
  await input.press('Enter');
  expect(await waitForRunEnd(page, before)).toBe('ok');
  await expect(output(page)).toHaveText('Name? Ada\nHello, Ada');

  // Turtle graphics work there too: a dialog, drawing, keys, and a quiet Stop of the live program.
  await setCode(
    page,
    [
      'import turtle',
      's = turtle.Screen()',
      'name = s.textinput("Hello", "Your name?")',
      't = turtle.Turtle()',
      't.speed(0)',
      't.write(name)',
      's.onkey(lambda: t.forward(30), "Up")',
      's.listen()',
      'print("ready")',
      'turtle.done()',
    ].join('\n'),
  );
  const drawn = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const ask = page.getByRole('dialog', { name: 'Hello' });
  await ask.getByRole('textbox', { name: 'Your name?' }).fill('Ada');
  await ask.getByRole('button', { name: 'OK' }).click();
  await expect(output(page)).toContainText('ready');
  await page.keyboard.press('ArrowUp');
  const drawing = page.getByRole('img', { name: 'Turtle drawing' });
  await expect(drawing).toHaveAccessibleDescription(/1 line\. Text written: "Ada"\. The turtle is at \(30, 0\)/);
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(await waitForRunEnd(page, drawn)).toBe('interrupted');

  // Stop ends an endless loop with KeyboardInterrupt, and one waiting for input.
  for (const code of ['while True:\n    pass', 'input("Waiting ")']) {
    expect(await runAndStop(page, code)).toBe('interrupted');
    await expect(output(page)).toContainText('KeyboardInterrupt');
  }
  // Still the sandbox, and a reload with the shared project open starts Python there at once.
  expect(await runCode(page, 'import js\njs.eval("1")')).toBe('error');
  await expect(output(page)).toContainText('EvalError');
  await page.reload();
  await waitForPython(page);
  expect(
    await page.evaluate(() => (performance.getEntriesByName('python-ready')[0] as PerformanceMark).detail.zone),
  ).toBe('sandbox');
  expect(await runCode(page, 'print("after reload")')).toBe('ok');
  await expect(output(page)).toHaveText('after reload');
});

test('a shared program’s request reaches the network only once the learner allows it, never the app', async ({
  page,
}) => {
  const requests: string[] = [];
  await page.context().route('https://example.org/**', (route) => {
    requests.push(route.request().url());
    return route.fulfill({
      body: '{"answer": 42}',
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
    });
  });
  await openApp(page);
  const program = 'import js\njs.fetch("https://example.org/data.json")\nprint("asked")';
  const waiting = 'import js\njs.fetch("https://example.org/data.json")\nname = input("Name? ")';
  await page.goto('/' + (await shareHash(page, [{ name: 'main.py', content: waiting }])));
  await waitForPython(page);
  // The learner is asked while the program still runs (here: waits in input()), not only once it ends.
  const before = await runEndCount(page);
  await page.getByRole('button', { name: 'Run' }).click();
  const ask = page.getByRole('status').filter({ hasText: 'This program wants to use the network' });
  // Python may still be moving to the sandbox (the shared project opened after the learner's own): a start's time.
  await expect(page.getByRole('textbox', { name: 'Input' })).toBeVisible({ timeout: 45_000 });
  await expect(ask).toBeVisible();
  await page.getByRole('textbox', { name: 'Input' }).fill('Ada');
  await page.getByRole('textbox', { name: 'Input' }).press('Enter');
  expect(await waitForRunEnd(page, before)).toBe('ok');
  await page.waitForTimeout(500);
  expect(requests).toEqual([]);

  await setCode(page, program);

  await ask.getByRole('button', { name: 'Allow network' }).click();
  expect(await run(page)).toBe('ok');
  await expect.poll(() => requests).toEqual(['https://example.org/data.json']);

  // A request that would block the program cannot be answered through the page: it says so.
  expect(
    await runCode(page, 'from pyodide.http import open_url\nprint(open_url("https://example.org/data.json").read())'),
  ).toBe('error');
  await expect(output(page)).toContainText('where a program cannot wait for a web page');
  expect(requests).toHaveLength(1);

  // Allowed or not, the app's own origin stays out of reach; another project starts with the network off again.
  const attacks = watchAttackRequests(page);
  expect(await runCode(page, 'import js\njs.fetch(js.location.origin + "/__attack__/allowed")\nprint("tried")')).toBe(
    'ok',
  );
  await page.waitForTimeout(500);
  expect(attacks).toEqual([]);
  await page.goto('/' + (await shareHash(page, [{ name: 'main.py', content: program + '\n# another share' }])));
  await expect(page.getByRole('combobox', { name: 'Project' })).toContainText('Shared code2');
  await waitForPython(page);
  expect(await run(page)).toBe('ok');
  await expect(page.getByRole('status').filter({ hasText: 'This program wants to use the network' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(requests).toHaveLength(1);
});

test('output is only ever text: markup, escape codes, control characters and a huge line cannot change the page', async ({
  page,
}) => {
  await openApp(page);
  const title = await page.title();
  const program = String.raw`print('<img src=x onerror="document.title=\'injected\'">')
print("<script>document.title='injected'</script><b>bold</b><a href='javascript:alert(1)'>link</a>")
print("\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b[2J plain")
print("bell\x07 nul\x00 back\bspace tab\tend")
print("\u202eevil \ufeff zero\u200bwidth")
print("x" * 3_000_000)
print("after")`;
  await page.goto('/' + (await shareHash(page, [{ name: 'main.py', content: program }])));
  await waitForPython(page);
  expect(await run(page)).toBe('ok');
  const log = output(page);
  await expect(log).toContainText('after');
  await expect(log).toContainText(`<img src=x onerror="document.title='injected'">`);
  await expect(log).toContainText("<script>document.title='injected'</script><b>bold</b>");
  await expect(log).toContainText('more characters on this line');
  // Nothing but the app's own line spans: no element the program's text named.
  expect(await log.locator('img, script, b, a, iframe, style').count()).toBe(0);
  expect(await page.title()).toBe(title);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  // The page is still responsive and the next run is drawn as usual.
  expect(await runCode(page, 'print("still fine")')).toBe('ok');
  await expect(log).toHaveText('still fine');
});
