import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/coreTestkit';
import { HistoryDb } from './historyDb';
import {
  fillPages,
  journalByTrip,
  orderAudit,
  saveJournalEntry,
  searchJournal,
} from './reviewQueries';
import { seededFills, writeHistory } from './testing/historyRows';

const T0 = Date.UTC(2024, 4, 1, 9, 30);
const fills = seededFills(1000, T0);

let tmp: ReturnType<typeof tempDir>;
let db: HistoryDb;

beforeAll(() => {
  tmp = tempDir('pd-review-');
  db = new HistoryDb(tmp.dir);
  writeHistory(db, 'paper', { fills });
  writeHistory(db, 'other', { fills: seededFills(30, T0, 5) });
});
afterAll(() => {
  db.close();
  tmp.remove();
});

const byTime = [...fills].sort(
  (a, b) =>
    a.time - b.time ||
    a.orderId - b.orderId ||
    (a.fillId < b.fillId ? -1 : a.fillId > b.fillId ? 1 : 0),
);

describe('fill pages', () => {
  it('walk every fill of the profile once, in (time, orderId, fillId) order, a page at a time', () => {
    const pages = [...fillPages(db.connection, 'paper', {}, 64)];
    expect(pages.length).toBe(Math.ceil(1000 / 64));
    expect(pages.every((p) => p.length <= 64)).toBe(true);
    expect(pages.flat().map((f) => f.fillId)).toEqual(byTime.map((f) => f.fillId));
  });

  it('keep to one symbol and stop before `to`', () => {
    const to = T0 + 100;
    const got = [...fillPages(db.connection, 'paper', { symbol: 'USDJPY', to }, 7)].flat();
    expect(got.map((f) => f.fillId)).toEqual(
      byTime.filter((f) => f.symbol === 'USDJPY' && f.time < to).map((f) => f.fillId),
    );
  });
});

describe('the journal', () => {
  it('keeps a note and tags per trip, finds them by either, and forgets an emptied one', () => {
    saveJournalEntry(db.connection, 'paper', {
      tripId: 'a>b',
      note: 'Chased the Breakout',
      tags: ['fomo'],
      updatedAt: 1,
    });
    saveJournalEntry(db.connection, 'paper', {
      tripId: 'c>d',
      note: 'patient entry',
      tags: ['plan', 'london'],
      updatedAt: 2,
    });
    saveJournalEntry(db.connection, 'other', {
      tripId: 'x>y',
      note: 'breakout elsewhere',
      tags: [],
      updatedAt: 3,
    });
    expect(searchJournal(db.connection, 'paper', 'breakout').map((e) => e.tripId)).toEqual(['a>b']);
    expect(searchJournal(db.connection, 'paper', 'LONDON').map((e) => e.tripId)).toEqual(['c>d']);
    expect(searchJournal(db.connection, 'paper', '').map((e) => e.tripId)).toEqual(['c>d', 'a>b']);
    saveJournalEntry(db.connection, 'paper', { tripId: 'a>b', note: ' ', tags: [], updatedAt: 4 });
    expect([...journalByTrip(db.connection, 'paper').keys()]).toEqual(['c>d']);
    expect(journalByTrip(db.connection, 'paper').get('c>d')?.tags).toEqual(['plan', 'london']);
  });
});

describe('an order audit trail', () => {
  it('holds its request, the replies to its requests and its executions, and nothing else', () => {
    const frames = [
      {
        direction: 'out' as const,
        frame:
          '{"event":"newordersingle","requestId":"r1","payload":{"clientOrderId":"pd-7","symbol":"EURUSD"}}',
      },
      {
        direction: 'out' as const,
        frame: '{"event":"newordersingle","requestId":"r2","payload":{"clientOrderId":"pd-8"}}',
      },
      {
        direction: 'in' as const,
        frame:
          '{"event":"newordersingle","requestId":"r1","payload":{"orderId":7,"status":"NEW","clientOrderId":"pd-7"}}',
      },
      {
        direction: 'out' as const,
        frame: '{"event":"ordercancel","requestId":"r3","payload":{"orderId":7}}',
      },
      {
        direction: 'in' as const,
        frame:
          '{"event":"newordersingle","requestId":"r2","payload":{"orderId":70,"status":"NEW"}}',
      },
      { direction: 'in' as const, frame: '{"event":"ordercancel","requestId":"r3"}' },
      {
        direction: 'in' as const,
        frame: '{"event":"execution","payload":{"orderId":7,"status":"CANCELED"}}',
      },
    ];
    db.write('paper', {
      orders: [],
      fills: [],
      removedFillIds: [],
      audit: frames.map((f, i) => ({ ...f, time: T0 + i })),
    });
    const trail = orderAudit(db.connection, 'paper', 7, 'pd-7');
    expect(trail.map((r) => r.frame)).toEqual([0, 2, 3, 5, 6].map((i) => frames[i]?.frame));
    expect(trail.map((r) => r.event)).toEqual([
      'newordersingle',
      'newordersingle',
      'ordercancel',
      'ordercancel',
      'execution',
    ]);
  });
});
