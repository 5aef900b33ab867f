/**
 * Focus containment for a modal dialog, as the WAI-ARIA dialog pattern asks:
 * focus moves in on open, Tab and Shift+Tab cycle inside, Escape closes from
 * anywhere (even after focus fell to the page body), focus that reaches the
 * page behind is pulled back, and focus returns to the opener on close.
 * Listeners sit on the document, not the panel, so a dialog that lost focus
 * still answers the keyboard.
 */

const CANDIDATES = 'a[href], button, input, select, textarea, [tabindex]';

/** Elements inside `root` that Tab reaches, in document order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CANDIDATES)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !el.matches(':disabled') &&
      !(el instanceof HTMLInputElement && el.type === 'hidden') &&
      el.closest('[inert], [hidden]') === null,
  );
}

/** Dialogs open now, newest last: only the newest one traps (a dialog may open another). */
const stack: HTMLElement[] = [];

/** The element a dialog focuses first: its `data-autofocus` control, else its first tabbable one. */
export function initialFocus(panel: HTMLElement): HTMLElement {
  return panel.querySelector<HTMLElement>('[data-autofocus]') ?? tabbables(panel)[0] ?? panel;
}

/**
 * Traps focus in `panel` (calling `onEscape` on Escape) until the returned
 * function is called, which gives focus back to the element that had it.
 */
export function trapFocus(panel: HTMLElement, onEscape: () => void): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let lastInside: HTMLElement | null = null;
  stack.push(panel);
  const isTop = () => stack.at(-1) === panel;
  const holdsFocus = () => {
    const active = document.activeElement;
    return active !== panel && active instanceof Node && panel.contains(active);
  };

  function onKeydown(e: KeyboardEvent): void {
    // A control that handled the key itself (an open inline edit, say) keeps it.
    if (!isTop() || e.defaultPrevented) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = tabbables(panel);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      e.preventDefault();
      panel.focus();
    } else if (!holdsFocus()) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    } else if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  function onFocusIn(e: FocusEvent): void {
    if (!isTop()) return;
    if (e.target instanceof HTMLElement && panel.contains(e.target)) {
      lastInside = e.target;
      return;
    }
    (lastInside?.isConnected && panel.contains(lastInside)
      ? lastInside
      : initialFocus(panel)
    ).focus();
  }

  document.addEventListener('keydown', onKeydown);
  document.addEventListener('focusin', onFocusIn);
  initialFocus(panel).focus();

  return () => {
    document.removeEventListener('keydown', onKeydown);
    document.removeEventListener('focusin', onFocusIn);
    stack.splice(stack.indexOf(panel), 1);
    if (!opener?.isConnected) return;
    opener.focus();
    // The opener may still sit in the page made inert for the dialog, lifted in the same update.
    if (document.activeElement !== opener) queueMicrotask(() => opener.focus());
  };
}
