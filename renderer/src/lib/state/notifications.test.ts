import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../../shared/ipc';
import { NotificationsState } from './notifications.svelte';

const note = (id: string, message = id): Notification => ({
  id,
  kind: 'fill',
  message,
  time: 0,
  orderId: null,
});

describe('notifications', () => {
  it('updates an entry the log holds in place', () => {
    const n = new NotificationsState();
    n.push([note('a'), note('b')], false);
    n.push([note('a', 'a, 2 fills')], false);
    expect(n.log.map((e) => e.message)).toEqual(['b', 'a, 2 fills']);
  });

  it('brings back on top an update of an entry the log limit pushed out, instead of losing it', () => {
    const n = new NotificationsState();
    n.push([note('first')], false);
    n.push(
      Array.from({ length: 600 }, (_, i) => note(`n${i}`)),
      false,
    );
    expect(n.log.some((e) => e.id === 'first')).toBe(false);
    n.push([note('first', 'first, filled now')], false);
    expect(n.log[0]?.message).toBe('first, filled now');
    expect(n.log).toHaveLength(500);
  });

  it('an entry back on top whose toast is still up replaces that toast, never shows it twice', () => {
    const n = new NotificationsState();
    n.push([note('x', 'Bought 1')]);
    const info = (id: string): Notification => ({ ...note(id), kind: 'info' });
    n.push(Array.from({ length: 600 }, (_, i) => info(`i${i}`)));
    expect(n.toasts.map((t) => t.id)).toEqual(['x']);
    n.push([note('x', 'Bought 2')]);
    expect(n.toasts.map((t) => [t.id, t.message])).toEqual([['x', 'Bought 2']]);
    expect(n.log[0]?.message).toBe('Bought 2');
  });
});
