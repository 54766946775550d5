// What the component tests under happy-dom share: a DOM that behaves as a browser's where the code depends on
// it, a fresh element to render into for each test, and buttons found as a screen reader names them.
import { afterEach, beforeEach, expect } from 'vitest';

const patched = new WeakSet<object>();

/**
 * happy-dom answers '' from Node.prototype's nodeName getter (each subclass has its own), and DOMPurify reads
 * that getter to resist clobbering: without this, it sees every element as unnamed and drops it. Browsers answer
 * the real name from Node.prototype, so the patch makes the test see what a browser would.
 */
export function patchNodeNameForDomPurify(): void {
  // A second patch would find the first as the base and go through both on every read.
  if (patched.has(Node.prototype)) return;
  patched.add(Node.prototype);
  const baseNodeName = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeName')!.get!;
  Object.defineProperty(Node.prototype, 'nodeName', {
    configurable: true,
    get(this: Node): string {
      for (let p = Object.getPrototypeOf(this); p && p !== Node.prototype; p = Object.getPrototypeOf(p)) {
        const getter = Object.getOwnPropertyDescriptor(p, 'nodeName')?.get;
        if (getter) return getter.call(this) as string;
      }
      return baseNodeName.call(this) as string;
    },
  });
}

export interface MountPoint {
  /** The element the current test renders into. */
  container(): HTMLDivElement;
  /** Takes what Solid's `render` returned, to be disposed after the test. */
  setDispose(dispose: () => void): void;
  /** Disposes what was rendered now, for a test that looks at what disposing does or renders again. */
  dispose(): void;
}

/**
 * A new element in the document for each test, and whatever was rendered into it disposed and removed after,
 * so no test sees another's nodes or effects. Registers its hooks where it is called (the file, or a describe).
 */
export function mountPoint(): MountPoint {
  let current: HTMLDivElement | undefined;
  let disposeRendered: () => void = () => {};
  const dispose = () => {
    const d = disposeRendered;
    disposeRendered = () => {};
    d();
  };
  beforeEach(() => {
    current = document.createElement('div');
    document.body.append(current);
  });
  afterEach(() => {
    dispose();
    current?.remove();
    current = undefined;
  });
  return {
    container() {
      if (!current) throw new Error('mountPoint: the container exists only while a test runs');
      return current;
    },
    setDispose(d) {
      disposeRendered = d;
    },
    dispose,
  };
}

/** The name a screen reader gives an element: its aria-label, else its text without what is hidden from it. */
export function accessibleName(el: Element): string {
  // Name from content, as browsers compute it (simplified): hidden parts left out, a labelled part by its label.
  const nameOf = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? '';
    if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
    const label = node.getAttribute('aria-label');
    if (label !== null) return label;
    return [...node.childNodes].map(nameOf).join('');
  };
  return nameOf(el).replace(/\s+/g, ' ').trim();
}

export function buttonsIn(root: ParentNode): HTMLButtonElement[] {
  return [...root.querySelectorAll('button')];
}

/** The one button in `root` with this accessible name; fails the test if there is none or more than one. */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = buttonsIn(root).filter((b) => accessibleName(b) === name);
  expect(found, `one button named "${name}"`).toHaveLength(1);
  return found[0];
}
