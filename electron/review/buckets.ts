/** Results grouped for the view: per UTC day, instrument, direction and hour of exit. */
import type { ReviewBucket } from '../../shared/ipc';
import { fromFixed } from '../../shared/domain/decimal';
import { ACCOUNT_DECIMALS } from '../account/figures';
import { utcDay } from './range';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/** What a trip adds to its buckets. */
export interface BucketTrip {
  symbol: string;
  long: boolean;
  exitTime: number;
  pnl: bigint | null;
}

/** Sums of trips by a key (exact until the end). */
class Buckets {
  private readonly sums = new Map<string, { pnl: bigint; trips: number; wins: number }>();

  add(key: string, pnl: bigint | null): void {
    const sum = this.sums.get(key) ?? { pnl: 0n, trips: 0, wins: 0 };
    sum.trips += 1;
    if (pnl !== null) {
      sum.pnl += pnl;
      if (pnl > 0n) sum.wins += 1;
    }
    this.sums.set(key, sum);
  }

  list(): ReviewBucket[] {
    return [...this.sums]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, s]) => ({
        key,
        pnl: fromFixed(s.pnl, 16, ACCOUNT_DECIMALS),
        trips: s.trips,
        wins: s.wins,
      }));
  }
}

/** The four groupings of the view, keys sorted. */
export interface ReviewGroups {
  daily: ReviewBucket[];
  bySymbol: ReviewBucket[];
  byDirection: ReviewBucket[];
  byHour: ReviewBucket[];
}

/** Groups trips by UTC day (YYYY-MM-DD), symbol, direction (LONG/SHORT) and UTC exit hour (00-23). */
export function groupTrips(trips: Iterable<BucketTrip>): ReviewGroups {
  const daily = new Buckets();
  const bySymbol = new Buckets();
  const byDirection = new Buckets();
  const byHour = new Buckets();
  // One Date per day, not per trip (a review may hold a hundred thousand trips).
  const days = new Map<number, string>();
  const dayOf = (time: number): string => {
    const day = Math.floor(time / DAY_MS);
    let key = days.get(day);
    if (key === undefined) {
      key = utcDay(time);
      days.set(day, key);
    }
    return key;
  };
  for (const trip of trips) {
    daily.add(dayOf(trip.exitTime), trip.pnl);
    bySymbol.add(trip.symbol, trip.pnl);
    byDirection.add(trip.long ? 'LONG' : 'SHORT', trip.pnl);
    byHour.add(
      HOURS[Math.floor((trip.exitTime - Math.floor(trip.exitTime / DAY_MS) * DAY_MS) / HOUR_MS)] ??
        '00',
      trip.pnl,
    );
  }
  return {
    daily: daily.list(),
    bySymbol: bySymbol.list(),
    byDirection: byDirection.list(),
    byHour: byHour.list(),
  };
}
