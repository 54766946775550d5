// @vitest-environment happy-dom
// Checking a completion code: the form's labelled fields, what is sent, and the answer read out.
import { render } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import { buttonNamed, mountPoint } from '../../../../tests/support/dom.ts';
import { CodeVerifier } from './CodeVerifier.tsx';
import type { VerifyOutcome } from './dashboard.ts';

const { container, setDispose } = mountPoint();

function field(label: string): HTMLInputElement {
  const found = [...container().querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label));
  expect(found, `a field labelled ${label}`).toBeTruthy();
  return found!.querySelector('input')!;
}

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CodeVerifier', () => {
  it('sends the code and the name, and reads the answer out', async () => {
    const onVerify = vi.fn(async (): Promise<VerifyOutcome> => ({
      ok: true,
      matches: [{ exerciseId: 'b', title: 'Loop', day: '2025-03-12' }],
      text: 'The code matches: Ada passed “Loop” on Wed 12 Mar.',
    }));
    setDispose(render(() => <CodeVerifier learners={['Ada', 'Bob']} onVerify={onVerify} />, container()));
    const form = container().querySelector('form')!;
    expect(form.getAttribute('aria-labelledby')).toBeTruthy();
    expect(document.getElementById(form.getAttribute('aria-labelledby')!)?.textContent).toBe('Check a completion code');
    // What a match proves, and what it does not, is said before anything is typed.
    expect(form.textContent).toContain('It does not show who wrote the code.');
    const names = [...container().querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(names).toEqual(['Ada', 'Bob']);

    type(field('Learner’s name'), 'Ada');
    type(field('Code'), 'Maple River 42');
    buttonNamed(container(), 'Check the code').click();
    await tick();
    expect(onVerify).toHaveBeenCalledWith('Maple River 42', 'Ada');
    const status = container().querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('✓ The code matches: Ada passed “Loop” on Wed 12 Mar.');
  });

  it('shows a code that does not match as such', async () => {
    const onVerify = async (): Promise<VerifyOutcome> => ({ ok: false, text: 'This code does not match Bob.' });
    setDispose(render(() => <CodeVerifier learners={[]} onVerify={onVerify} />, container()));
    type(field('Learner’s name'), 'Bob');
    type(field('Code'), 'maple-river-42');
    container()
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await tick();
    const status = container().querySelector('[role="status"]')!;
    expect(status.textContent).toBe('✗ This code does not match Bob.');
    expect(status.querySelector('.code-bad')).not.toBeNull();
  });

  it('says why codes cannot be checked, and cannot be pressed then', () => {
    const onVerify = vi.fn();
    setDispose(
      render(
        () => <CodeVerifier learners={[]} unavailable="No secret for this class here." onVerify={onVerify} />,
        container(),
      ),
    );
    expect(container().textContent).toContain('No secret for this class here.');
    expect(buttonNamed(container(), 'Check the code').disabled).toBe(true);
  });
});
