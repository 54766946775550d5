import { expect, test } from './fixtures.ts';
import { editorText, openApp, output, run, setCode } from './helpers.ts';

test.beforeEach(async ({ page }) => openApp(page));

test('two files importing each other', async ({ page }) => {
  await setCode(page, 'import helper\n\nprint(helper.shout("hi"))\nprint(helper.twice(4))');
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('helper.py');
  await page.getByRole('textbox', { name: 'New file name' }).press('Enter');
  await expect(page.getByRole('tab', { name: 'helper.py' })).toHaveAttribute('aria-selected', 'true');
  await setCode(page, 'import main_tools\n\ndef shout(s):\n    return s.upper() + "!"\n\ntwice = main_tools.twice');
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('main_tools.py');
  await page.getByRole('button', { name: 'Create' }).click();
  await setCode(page, 'import helper\n\ndef twice(n):\n    return 2 * n\n\nprint("tools sees", helper.__name__)');

  expect(await run(page)).toBe('ok');
  await expect(output(page)).toHaveText('tools sees helper\nHI!\n8');

  await page.getByRole('tab', { name: /main\.py/ }).click();
  expect(await editorText(page)).toBe('import helper\n\nprint(helper.shout("hi"))\nprint(helper.twice(4))');
});

test('an error in an imported file links to that file', async ({ page }) => {
  await setCode(page, 'import helper\nhelper.broken()');
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('helper.py');
  await page.keyboard.press('Enter');
  await setCode(page, 'def broken():\n    return [][1]');
  await page.getByRole('tab', { name: /main\.py/ }).click();
  expect(await run(page)).toBe('error');
  await page.getByRole('link', { name: 'File "helper.py", line 2' }).click();
  await expect(page.getByRole('tab', { name: 'helper.py' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.cm-error-line')).toHaveText('    return [][1]');
});

test('a bad new file name is explained', async ({ page }) => {
  await page.getByRole('button', { name: 'New file' }).click();
  const name = page.getByRole('textbox', { name: 'New file name' });
  await name.fill('main.py');
  await name.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('There is already a file called main.py.');
  await name.fill('../x.py');
  await name.press('Enter');
  await expect(page.getByRole('alert')).toContainText('no ".."');
  await name.press('Escape');
  await expect(name).toHaveCount(0);
});

test('files are tabs that arrow keys move between', async ({ page }) => {
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('notes.txt');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'notes.txt' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: /main\.py/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /main\.py/ })).toHaveAttribute('aria-selected', 'true');
});

test('a name Python cannot import, or that hides a standard module, is warned about before it is used', async ({
  page,
}) => {
  await page.getByRole('button', { name: 'New file' }).click();
  const name = page.getByRole('textbox', { name: 'New file name' });
  await name.fill('my helper');
  await name.press('Enter');
  const warning = page.getByText('“my helper” has no extension, so it is not a Python file.');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('call it my_helper.py');
  await expect(page.getByRole('option', { name: 'my helper' })).toHaveCount(0);

  await name.fill('random.py');
  await expect(page.getByText('random.py has the name of Python’s own random module')).toBeVisible();
  await name.press('Enter');
  await expect(page.getByRole('button', { name: 'Create anyway' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'random.py' })).toHaveCount(0);
  // Asked twice for the same name: the learner means it.
  await page.getByRole('button', { name: 'Create anyway' }).click();
  await expect(page.getByRole('tab', { name: 'random.py' })).toHaveAttribute('aria-selected', 'true');
  // …and the cursor is in the new file, ready to type.
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toBeFocused();
  await page.keyboard.type('x = 1');
  await expect.poll(() => editorText(page)).toBe('x = 1');

  await page.getByRole('button', { name: 'New file' }).click();
  await name.fill('helper.py');
  await name.press('Enter');
  await expect(page.getByRole('tab', { name: 'helper.py' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Code editor' })).toBeFocused();
});

test('the project and file menus work from the keyboard', async ({ page }) => {
  const menuButton = page.getByRole('button', { name: 'Project menu' });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Project menu' });
  await expect(menu.getByRole('menuitem', { name: 'New project' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Rename project' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Delete project' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'New project' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Choosing by keyboard: Enter on "Rename project" opens the name field.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'New project name' })).toBeFocused();
  await page.keyboard.press('Escape');

  // The file menu: a disabled item says why, and is skipped.
  const fileMenu = page.getByRole('button', { name: 'Actions for main.py' });
  await fileMenu.click();
  const items = page.getByRole('menu', { name: 'Actions for main.py' });
  await expect(items.getByRole('menuitem', { name: 'Delete main.py' })).toHaveAttribute('aria-disabled', 'true');
  await expect(items.getByRole('menuitem', { name: 'Delete main.py' })).toHaveAttribute(
    'title',
    /main file cannot be deleted/,
  );
  await page.keyboard.press('ArrowUp');
  await expect(items.getByRole('menuitem', { name: 'Download main.py' })).toBeFocused();
  await page.mouse.click(5, 5);
  await expect(items).toBeHidden();
});

test('the empty Output says what will appear there', async ({ page }) => {
  const hint = page.getByText('Press Run and what your program prints appears here.');
  await expect(hint).toBeVisible();
  await setCode(page, 'x = 1');
  expect(await run(page)).toBe('ok');
  await expect(hint).toBeHidden();
  await expect(output(page)).toHaveText('');
  await page.getByRole('button', { name: 'Clear output' }).click();
  await expect(hint).toBeVisible();
});

test('the "New scratch file" shortcut (?new=1) opens a new empty file', async ({ page }) => {
  await openApp(page, '?new=1');
  await expect(page.getByRole('tab', { name: 'scratch.py' })).toHaveAttribute('aria-selected', 'true');
  expect(await editorText(page)).toBe('');
  expect(new URL(page.url()).search).toBe('');
});
