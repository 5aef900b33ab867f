/**
 * The app's keyboard shortcuts: one table for the help dialog and the handler
 * alike; the blotter tabs' shortcuts come from the blotter registry.
 */
import { BLOTTERS, type BlotterId } from './blotter/blotters';

type AppAction =
  | 'buy'
  | 'sell'
  | 'focusTicket'
  | 'ocoTicket'
  | 'cancelSelected'
  | 'cancelAll'
  | 'help'
  | 'focusBlotter'
  | 'toggleLog';

type Shortcut = {
  /** Key combinations as shown, e.g. "Alt+B". */
  keys: readonly string[];
  description: string;
  /** Also fires while typing in a field (F-keys and Alt combos do; Delete and ? do not). */
  inFields: boolean;
} & ({ action: AppAction } | { action: 'showBlotter'; blotter: BlotterId });

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'buy', keys: ['F2', 'Alt+B'], description: 'Send the ticket as a BUY', inFields: true },
  {
    action: 'sell',
    keys: ['F3', 'Alt+S'],
    description: 'Send the ticket as a SELL',
    inFields: true,
  },
  { action: 'focusTicket', keys: ['Alt+T'], description: 'Focus the order ticket', inFields: true },
  { action: 'ocoTicket', keys: ['Alt+O'], description: 'Open the OCO ticket', inFields: true },
  {
    action: 'focusBlotter',
    keys: ['Alt+G'],
    description: 'Focus the blotter grid',
    inFields: true,
  },
  ...BLOTTERS.map((b): Shortcut => ({
    action: 'showBlotter',
    blotter: b.id,
    keys: [b.shortcut],
    description: b.label,
    inFields: true,
  })),
  {
    action: 'cancelSelected',
    keys: ['Delete'],
    description: 'Cancel the selected working order',
    inFields: false,
  },
  {
    action: 'cancelAll',
    keys: ['Alt+Shift+X'],
    description: 'Cancel all working orders (asks first)',
    inFields: true,
  },
  {
    action: 'toggleLog',
    keys: ['Alt+L'],
    description: 'Show or hide the event log',
    inFields: true,
  },
  { action: 'help', keys: ['?'], description: 'This help', inFields: false },
];

/** Other keys the help dialog lists (handled by the focused widget). */
export const WIDGET_KEYS: readonly { keys: string; description: string }[] = [
  { keys: '↑ / ↓', description: 'Price fields: one tick; quantity: one lot step' },
  { keys: 'Shift+↑ / ↓', description: 'Ten ticks or lot steps' },
  { keys: '↑ ↓ PgUp PgDn Home End', description: 'Move the blotter selection' },
  { keys: 'Enter', description: 'Blotter: open the selected order’s detail' },
  { keys: 'Escape', description: 'Close a dialog or discard an inline edit' },
];

/** The key combination of an event, spelled as in SHORTCUTS ("Alt+Shift+X", "F2", "?"). */
function comboOf(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>,
): string {
  if (e.key === '?') return '?';
  // Alt changes e.key on macOS (Alt+B = ∫), so letters and digits are read from e.code.
  let key = e.key;
  if (/^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (/^Digit\d$/.test(e.code)) key = e.code.slice(5);
  const parts: string[] = [];
  if (e.ctrlKey) parts.push('Ctrl');
  if (e.metaKey) parts.push('Meta');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey) parts.push('Shift');
  parts.push(key.length === 1 ? key.toUpperCase() : key);
  return parts.join('+');
}

/** The shortcut an event triggers, if any; `inField` is true when focus is in a text field. */
export function shortcutFor(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>,
  inField: boolean,
): Shortcut | undefined {
  const combo = comboOf(e);
  return SHORTCUTS.find((s) => s.keys.includes(combo) && (s.inFields || !inField));
}
