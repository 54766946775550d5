import { createSignal, createUniqueId, Index, Show, type JSX } from 'solid-js';

export interface MenuItem {
  /** The visible text. */
  label: string;
  /** The accessible name, when the visible text needs context (it must contain the visible text). */
  name?: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Why it is disabled, shown as a tooltip. */
  hint?: string;
  danger?: boolean;
  /** Leave the menu open after choosing (text size steps, say). */
  keepOpen?: boolean;
}

export type MenuEntry = MenuItem | 'separator';

/**
 * A menu button (WAI-ARIA menu pattern): the button opens a list of actions;
 * arrow keys, Home and End move, Enter or Space chooses, Escape or Tab closes
 * and returns to the button. The list is a popover, so it sits above
 * everything (dialogs and scrolling panels included) and closes on a click
 * elsewhere.
 */
export function MenuButton(props: {
  /** The button's accessible name. */
  label: string;
  /** The button's content (defaults to the label). */
  children?: JSX.Element;
  items: MenuEntry[];
  class?: string;
  /** Which edge of the button the menu lines up with. */
  align?: 'start' | 'end';
}) {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  let button!: HTMLButtonElement;
  let menu!: HTMLDivElement;

  const items = () => [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([aria-disabled="true"])')];

  const place = () => {
    const r = button.getBoundingClientRect();
    const width = menu.offsetWidth;
    const height = menu.offsetHeight;
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    let left = props.align === 'end' ? r.right - width : r.left;
    left = Math.max(4, Math.min(left, vw - width - 4));
    const below = r.bottom + 4;
    const top = below + height <= vh - 4 || r.top - height - 4 < 0 ? below : r.top - height - 4;
    menu.style.left = `${left}px`;
    menu.style.top = `${Math.max(4, top)}px`;
    menu.style.maxHeight = `${vh - Math.max(4, top) - 4}px`;
  };

  const show = (focus: 'first' | 'last' | 'none') => {
    if (!menu.matches(':popover-open')) menu.showPopover();
    place();
    const list = items();
    if (focus === 'first') list[0]?.focus();
    else if (focus === 'last') list.at(-1)?.focus();
  };

  const close = (refocus: boolean) => {
    if (menu.matches(':popover-open')) menu.hidePopover();
    if (refocus) button.focus();
  };

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      show('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      show('last');
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (event.key === 'ArrowDown') next = (at + 1) % list.length;
    else if (event.key === 'ArrowUp') next = (at - 1 + list.length) % list.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = list.length - 1;
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    } else if (event.key === 'Tab') {
      event.preventDefault();
      close(true);
      return;
    } else if (event.key.length === 1 && /\S/.test(event.key)) {
      // Type-ahead: the next item starting with the letter typed.
      const letter = event.key.toLowerCase();
      const order = [...list.slice(at + 1), ...list.slice(0, at + 1)];
      const found = order.find((el) => el.textContent?.trim().toLowerCase().startsWith(letter));
      if (found) found.focus();
      return;
    }
    if (next < 0) return;
    event.preventDefault();
    list[next]?.focus();
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    if (!item.keepOpen) close(true);
    item.onSelect();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        class={props.class ?? 'small'}
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={id}
        aria-label={props.children ? props.label : undefined}
        onClick={() => (open() ? close(false) : show('none'))}
        onKeyDown={onButtonKey}
      >
        {props.children ?? props.label}
      </button>
      <div
        ref={(el) => {
          menu = el;
          el.addEventListener('toggle', (event) => {
            const opening = (event as ToggleEvent).newState === 'open';
            setOpen(opening);
            // Closed by a click elsewhere or Escape: focus left inside the menu goes back to the button.
            if (!opening && (el.contains(document.activeElement) || document.activeElement === document.body))
              button.focus();
          });
        }}
        id={id}
        class="menu"
        role="menu"
        aria-label={props.label}
        popover="auto"
        onKeyDown={onMenuKey}
      >
        {/* Index, not For: items rebuilt with new text (a size that changed) keep their element, and focus. */}
        <Index each={props.items}>
          {(item) => (
            <Show
              when={item() !== 'separator' && (item() as MenuItem)}
              fallback={<div role="separator" class="menu-separator" />}
            >
              {(it) => (
                <button
                  type="button"
                  role="menuitem"
                  tabindex="-1"
                  class="menu-item"
                  classList={{ danger: !!it().danger }}
                  aria-label={it().name}
                  aria-disabled={it().disabled ? 'true' : undefined}
                  title={it().disabled ? it().hint : undefined}
                  onClick={() => choose(it())}
                >
                  {it().label}
                </button>
              )}
            </Show>
          )}
        </Index>
      </div>
    </>
  );
}
