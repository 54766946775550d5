// @vitest-environment happy-dom
// The export dialog as a teacher uses it: the file, the link with Copy, the QR code (large for a projector, with
// the pack's title and a text alternative), plain words when the pack is too big for a link or a QR code, and
// the problems when it cannot be handed out.
import { render } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import { buttonNamed, mountPoint } from '../../../../tests/support/dom.ts';
import { encodePack } from '../../../formats/pack.ts';
import type { Pack } from '../../../model/lesson.ts';
import type { ExportOutcome } from './authoring.ts';
import { ExportDialog } from './ExportDialog.tsx';
import { blankPack } from './pack-edit.ts';

const { container, setDispose } = mountPoint();

const pack: Pack = { ...blankPack('Loops'), revision: 2 };
const LINK = 'https://play.example.org/#pack=abc';

function outcome(more: Partial<Extract<ExportOutcome, { ok: true }>> = {}): ExportOutcome {
  return { ok: true, pack, fileName: 'loops.pypack', bytes: encodePack(pack), link: LINK, qr: true, ...more };
}

function show(value: ExportOutcome, copyText = vi.fn(async () => {})) {
  const onDownload = vi.fn();
  const onClose = vi.fn();
  setDispose(
    render(
      () => <ExportDialog outcome={value} onDownload={onDownload} onClose={onClose} copyText={copyText} />,
      container(),
    ),
  );
  return { onDownload, onClose, copyText };
}

const dialog = () => container().querySelector<HTMLElement>('[role="dialog"]')!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('ExportDialog', () => {
  it('is a dialog named after the pack and its version, offering the file', () => {
    const { onDownload } = show(outcome());
    expect(dialog().getAttribute('aria-modal')).toBe('true');
    const name = document.getElementById(dialog().getAttribute('aria-labelledby')!)?.textContent;
    expect(name).toBe('Hand out “Loops” (version 2)');
    expect(document.activeElement).toBe(buttonNamed(dialog(), 'Download loops.pypack'));
    buttonNamed(dialog(), 'Download loops.pypack').click();
    expect(onDownload).toHaveBeenCalledOnce();
  });

  it('shows the link and copies it, saying so', async () => {
    const { copyText } = show(outcome());
    const input = dialog().querySelector<HTMLInputElement>('input[readonly]')!;
    expect(input.value).toBe(LINK);
    expect(dialog().querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Link to the pack');
    buttonNamed(dialog(), 'Copy').click();
    await settle();
    expect(copyText).toHaveBeenCalledWith(LINK);
    expect(dialog().querySelector('[role="status"]')?.textContent).toBe('The link is copied.');
  });

  it('says where the link could not be copied, and selects it', async () => {
    show(
      outcome(),
      vi.fn(async () => {
        throw new Error('denied');
      }),
    );
    buttonNamed(dialog(), 'Copy').click();
    await settle();
    expect(dialog().querySelector('[role="status"]')?.textContent).toContain('could not be copied');
  });

  it('shows the QR code of the link with the pack’s title under it, large on request, and Escape steps back', async () => {
    const { onClose } = show(outcome());
    await settle();
    const img = dialog().querySelector<HTMLImageElement>('figure img')!;
    expect(img.alt).toBe('QR code of the link to the lesson pack “Loops”');
    expect(img.src.startsWith('data:image/svg+xml')).toBe(true);
    expect(dialog().querySelector('figcaption')?.textContent).toBe('Loops');

    const large = buttonNamed(dialog(), 'Show the QR code large');
    large.click();
    expect(dialog().classList.contains('teach-projecting')).toBe(true);
    expect(large.getAttribute('aria-pressed')).toBe('true');
    await settle();
    expect(dialog().querySelector<HTMLImageElement>('figure img')!.getAttribute('width')).toBe('720');

    dialog().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(dialog().classList.contains('teach-projecting')).toBe(false);
    expect(onClose).not.toHaveBeenCalled();
    dialog().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('says plainly when the pack is too big for a QR code, or for a link', () => {
    show(outcome({ qr: false }));
    expect(dialog().querySelector('figure')).toBeNull();
    expect(dialog().textContent).toContain('This pack is too big for a QR code. Share the file or the link instead.');
    setDispose(() => {});
    container().textContent = '';
    show(outcome({ qr: false, link: undefined }));
    expect(dialog().querySelector('input')).toBeNull();
    expect(dialog().textContent).toContain('This pack is too big for a link. Share the file instead.');
    expect(dialog().textContent).toContain('This pack is too big for a QR code. Share the file instead.');
  });

  it('lists the problems of a pack that cannot be handed out', () => {
    const { onClose } = show({
      ok: false,
      problems: [
        { message: '"title" must not be empty', place: { field: 'title' } },
        { message: 'Lesson 1, exercise 1: "main" (x.py) is not one of its files', place: {} },
      ],
    });
    const name = document.getElementById(dialog().getAttribute('aria-labelledby')!)?.textContent;
    expect(name).toBe('This pack cannot be handed out yet');
    expect([...dialog().querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '"title" must not be empty',
      'Lesson 1, exercise 1: "main" (x.py) is not one of its files',
    ]);
    buttonNamed(dialog(), 'Close').click();
    expect(onClose).toHaveBeenCalledOnce();
  });
});
