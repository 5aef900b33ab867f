/**
 * The chart's keys, in one place for the panel's hints and the help dialog.
 */

/** What the keys do on a focused line handle, an order's or an alert's (its description and tooltip). */
export const LINE_KEYS_HINT =
  '↑/↓ one tick, PgUp/PgDn ten, Enter sends the move (an alert: saves it), Escape puts it back, Delete cancels the order (removes the alert), ←/→ the next line';

/** The chart's rows of the help dialog. */
export const CHART_KEYS: readonly { keys: string; description: string }[] = [
  { keys: '↑ / ↓', description: 'Chart: move the crosshair one tick (Shift: ten)' },
  { keys: 'Enter or Menu', description: 'Chart: the order menu at the crosshair price' },
  {
    keys: 'Tab',
    description:
      'Chart: from the plot to its order and alert lines (← / → or Home / End pick a line)',
  },
  {
    keys: '↑ / ↓, PgUp / PgDn',
    description: 'Order line: move it one tick or ten (nothing is sent yet)',
  },
  {
    keys: 'Enter',
    description: 'Order line: modify the order to the new price (asks first if set to)',
  },
  { keys: 'Enter', description: 'Alert line: move the alert to the new price (armed)' },
  { keys: 'Escape', description: 'Order or alert line: put it back where it was' },
  { keys: 'Delete', description: 'Order line: cancel the order' },
  { keys: 'Delete', description: 'Alert line: remove the alert' },
];
