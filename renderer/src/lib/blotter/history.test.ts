import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { FillRow } from '../../../../shared/ipc';
import App from '../../App.svelte';
import { fill } from '../testing/fixtures';
import { LIVE_REFRESH_MS } from './history.svelte';
import { csvPieces, historyPageOf, savedCsvExport } from '../testing/history-stub';
import { createStubApi, type StubApi } from '../testing/stub-api';

const T0 = new Date(2024, 4, 1, 9, 30, 0, 0).getTime();
const ROW_HEIGHT = 26;

/** `count` fills, one a second; fill n has tradeId n (newest has the highest). */
function manyFills(count: number): FillRow[] {
  return Array.from({ length: count }, (_, i) =>
    fill({
      fillId: `${i + 1}:1`,
      orderId: i + 1,
      tradeId: i + 1,
      symbol: i % 2 === 0 ? 'EURUSD' : 'GBPUSD',
      side: i % 3 === 0 ? 'SELL' : 'BUY',
      qty: 1000,
      price: 1.1,
      time: T0 + i * 1000,
    }),
  );
}

let api: StubApi;
let stored: FillRow[];

/** A stub whose database holds `count` fills (the snapshot carries none of them). */
function stubWith(count: number): void {
  stored = manyFills(count);
  api = createStubApi({ orders: [], fills: [] });
  api.reply('queryHistory', (input) => historyPageOf({ orders: [], fills: stored }, input));
}

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openFills(): Promise<HTMLElement> {
  render(App, { props: { api } });
  await screen.findByRole('grid', { name: 'Working orders' });
  await fireEvent.click(screen.getByRole('tab', { name: 'Fills' }));
  const grid = await screen.findByRole('grid', { name: 'Fills' });
  await waitFor(() => expect(tradeIds(grid).length).toBeGreaterThan(0));
  return grid;
}

/** Trade ids of the loaded rows in view, top to bottom. */
function tradeIds(grid: HTMLElement): string[] {
  return within(grid)
    .getAllByRole('row')
    .slice(1)
    .flatMap((r) => {
      const cell = r.querySelector('[data-col="tradeId"]');
      return cell ? [cell.textContent?.trim() ?? ''] : [];
    });
}

async function scrollTo(grid: HTMLElement, row: number): Promise<void> {
  const viewport = grid.querySelector('.viewport') as HTMLDivElement;
  viewport.scrollTop = row * ROW_HEIGHT;
  await fireEvent.scroll(viewport);
}

/** The row count line of the blotter's toolbar, spaces collapsed. */
function rowCountText(): string {
  const text = document.querySelector('.count')?.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

const historyCalls = () => api.calls.filter((c) => c.command === 'queryHistory');

describe('history blotter paging', () => {
  it('counts every stored row and fetches only the first page when the tab opens', async () => {
    stubWith(3000);
    const grid = await openFills();
    expect(grid.getAttribute('aria-rowcount')).toBe('3001');
    expect(rowCountText()).toBe('3,000 rows');
    expect(tradeIds(grid)[0]).toBe('3000');
    expect(historyCalls()).toHaveLength(1);
    expect(historyCalls()[0]?.input).toMatchObject({
      blotter: 'fills',
      sort: { columnId: 'time', dir: 'desc' },
      count: true,
    });
  });

  it('scrolling far fetches later pages, down to the very last row', async () => {
    stubWith(3000);
    const grid = await openFills();
    await scrollTo(grid, 210);
    await waitFor(() => expect(tradeIds(grid)).toContain('2780'));
    await scrollTo(grid, 2990);
    await waitFor(() => expect(tradeIds(grid)).toContain('1'));
    await scrollTo(grid, 1500);
    await waitFor(() => expect(tradeIds(grid)).toContain('1490'));
    // A jump far from any loaded page starts at its index; the end is read backwards; a
    // neighbour of a loaded page continues from its cursor.
    const inputs = historyCalls().map((c) => c.input as Record<string, unknown>);
    expect(inputs.some((i) => i['direction'] === 'backward')).toBe(true);
    expect(inputs.some((i) => typeof i['at'] === 'number')).toBe(true);
    expect(inputs.some((i) => i['after'] !== undefined)).toBe(true);
  });

  it('filters and sorts in main: a changed sort asks for its first page again', async () => {
    stubWith(600);
    const grid = await openFills();
    await fireEvent.change(screen.getByLabelText('Filter by instrument'), {
      target: { value: 'GBPUSD' },
    });
    await waitFor(() => expect(rowCountText()).toBe('300 rows'));
    const header = within(grid).getByRole('columnheader', { name: /Time/ });
    await fireEvent.click(within(header).getByRole('button'));
    await waitFor(() => expect(tradeIds(grid)[0]).toBe('2'));
    expect(historyCalls().at(-1)?.input).toMatchObject({
      filter: { symbol: 'GBPUSD' },
      sort: { columnId: 'time', dir: 'asc' },
    });
  });

  it('a live fill appears at the top without loading every page again', async () => {
    stubWith(1300);
    const grid = await openFills();
    await scrollTo(grid, 0);
    const before = historyCalls().length;
    const fresh = fill({ fillId: '9999:1', orderId: 9999, tradeId: 9999, time: T0 + 9_999_000 });
    stored = [...stored, fresh];
    api.emit({ fills: [[fresh]] });
    await waitFor(() => expect(tradeIds(grid)[0]).toBe('9999'));
    expect(rowCountText()).toBe('1,301 rows');
    expect(historyCalls().length - before).toBeLessThanOrEqual(2);
  });

  it('a burst of live fills refreshes at once, then at most every LIVE_REFRESH_MS', async () => {
    stubWith(100);
    const grid = await openFills();
    const burstMs = 1500;
    // A quiet spell first: the frame and any refresh timer of the first load are over.
    await new Promise((resolve) => setTimeout(resolve, LIVE_REFRESH_MS + 50));
    const before = historyCalls().length;
    // The burst runs on a fake clock: what is checked is the pacing, not this machine's speed.
    vi.useFakeTimers({
      toFake: [
        'setTimeout',
        'clearTimeout',
        'Date',
        'requestAnimationFrame',
        'cancelAnimationFrame',
      ],
    });
    try {
      for (let at = 0, i = 0; at < burstMs; at += 50, i++) {
        const fresh = fill({
          fillId: `${5000 + i}:1`,
          orderId: 5000 + i,
          tradeId: 5000 + i,
          time: T0 + 5_000_000 + i,
        });
        stored = [...stored, fresh];
        api.emit({ fills: [[fresh]] });
        await vi.advanceTimersByTimeAsync(50);
        // The first fill after a quiet spell is shown at once (within its frame), not after a wait.
        if (i === 0) expect(tradeIds(grid)[0]).toBe('5000');
      }
      await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS);
      expect(tradeIds(grid)[0]).toBe(String(stored.at(-1)?.tradeId));
    } finally {
      vi.useRealTimers();
    }
    // One refresh at once, then one per LIVE_REFRESH_MS.
    const refreshes = historyCalls().length - before;
    expect(refreshes).toBeGreaterThanOrEqual(2);
    expect(refreshes).toBeLessThanOrEqual(Math.ceil(burstMs / LIVE_REFRESH_MS) + 2);
  });
});

describe('history blotter export', () => {
  it('streams every matching row with progress, then saves through the host', async () => {
    stubWith(12_000);
    const saved = savedCsvExport();
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let appended = 0;
    api.reply('exportCsv', async (input) => {
      // Hold the second piece until the test has seen the progress line.
      if (input.op === 'append' && ++appended === 2) await gate;
      return saved(input);
    });
    await openFills();
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const progress = await screen.findByRole('status', { name: 'Export progress' });
    await waitFor(() => expect(progress.textContent).toMatch(/Exporting 5,000 \/ 12,000 rows/));
    expect(screen.getByRole('button', { name: 'Export CSV' })).toHaveProperty('disabled', true);
    release();
    await waitFor(() =>
      expect(screen.getByLabelText('Blotter status').textContent).toMatch(/Saved .*12000 rows/),
    );
    const lines = csvPieces(api).join('').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Time,Symbol,Side,Qty,Price,Notional,Order ID,Trade ID,Account');
    expect(lines).toHaveLength(12_001);
    const ids = new Set(lines.slice(1).map((l) => l.split(',')[7]));
    expect(ids.size).toBe(12_000);
    expect(lines[1]?.split(',')[7]).toBe('12000');
    expect(lines.at(-1)?.split(',')[7]).toBe('1');
    expect(csvPieces(api).every((piece) => piece.length < 2_000_000)).toBe(true);
  });

  it('a long export can be cancelled: nothing is saved', async () => {
    stubWith(12_000);
    const saved = savedCsvExport();
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    api.reply('exportCsv', async (input) => {
      if (input.op === 'append') await gate;
      return saved(input);
    });
    await openFills();
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel export' }));
    release();
    await waitFor(() =>
      expect(screen.getByLabelText('Blotter status').textContent).toBe('Export canceled'),
    );
    const steps = api.calls
      .filter((c) => c.command === 'exportCsv')
      .map((c) => (c.input as { op: string }).op);
    expect(steps).toContain('abort');
    expect(steps).not.toContain('finish');
  });

  it('without a save dialog (browser host) the page downloads the file it built', async () => {
    stubWith(7000);
    await openFills();
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Blotter status').textContent).toMatch(
        /Downloaded fills-.*7000 rows/,
      ),
    );
    const blob = (URL.createObjectURL as unknown as ReturnType<typeof vi.fn>).mock
      .calls[0]?.[0] as Blob;
    const text = await blob.text();
    expect(text.trimEnd().split('\r\n')).toHaveLength(7001);
    // Nothing crossed to main but the begin step.
    expect(api.calls.filter((c) => c.command === 'exportCsv')).toHaveLength(1);
  });
});
