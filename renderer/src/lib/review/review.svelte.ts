/**
 * The Review view's state: the range and filters, main's review of them,
 * further pages of round trips, excursions of the trips shown, the journal
 * (edit, search), an order's audit trail, and the exports.
 */
import type {
  Api,
  AuditRow,
  JournalEntry,
  ReviewPreset,
  ReviewQuery,
  ReviewResult,
  RoundTrip,
  TripExcursion,
} from '../../../../shared/ipc';
import { splitForWire } from '../blotter/csvExport.svelte';
import { parseTags } from './reviewData';

/** Trips per page of the round-trips table. */
export const TRIPS_PAGE = 200;
/** Trips whose excursions one request asks for (the contract's cap). */
const EXCURSIONS_PER_REQUEST = 100;

/** How the view hands a finished file to the user (a download in the page, or the host's dialog). */
export type SaveFile = (fileName: string, content: string, type: string) => Promise<void>;

/** Downloads a file from the page (a Blob and a temporary link). */
export const downloadFile: SaveFile = (fileName, content, type) => {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return Promise.resolve();
};

export class ReviewState {
  preset = $state<ReviewPreset>('all');
  symbol = $state('');
  direction = $state<'' | 'LONG' | 'SHORT'>('');
  tag = $state('');
  result = $state.raw<ReviewResult | null>(null);
  trips = $state.raw<RoundTrip[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  excursions = $state.raw<Readonly<Record<string, TripExcursion>>>({});
  /** The trip whose journal entry is being edited. */
  editing = $state<string | null>(null);
  draftNote = $state('');
  draftTags = $state('');
  search = $state('');
  searchResults = $state.raw<JournalEntry[] | null>(null);
  auditOrderId = $state<number | null>(null);
  audit = $state.raw<AuditRow[]>([]);

  constructor(
    private readonly api: Api,
    private readonly saveFile: SaveFile = downloadFile,
  ) {}

  /** The query of the current range and filters. */
  get query(): ReviewQuery {
    return {
      preset: this.preset,
      ...(this.symbol !== '' && { symbol: this.symbol }),
      ...(this.direction !== '' && { direction: this.direction }),
      ...(this.tag.trim() !== '' && { tag: this.tag.trim() }),
    };
  }

  /** Reviews the range: statistics, charts and the newest trips. */
  async load(): Promise<void> {
    this.loading = true;
    const result = await this.api.reviewRange({ ...this.query, limit: TRIPS_PAGE });
    this.loading = false;
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    this.error = null;
    this.result = result.value;
    this.trips = result.value.trips;
    this.excursions = {};
    void this.loadExcursions(this.trips.slice(0, EXCURSIONS_PER_REQUEST));
  }

  /** The next page of trips. */
  async more(): Promise<void> {
    const result = await this.api.reviewTrips({
      query: this.query,
      offset: this.trips.length,
      limit: TRIPS_PAGE,
    });
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    const page = result.value.trips;
    this.trips = [...this.trips, ...page];
    void this.loadExcursions(page.slice(0, EXCURSIONS_PER_REQUEST));
  }

  /** MAE/MFE of trips (main asks the Chart API; unavailable ones say why). */
  async loadExcursions(trips: readonly RoundTrip[]): Promise<void> {
    if (trips.length === 0) return;
    const result = await this.api.reviewExcursions({ tripIds: trips.map((t) => t.id) });
    if (!result.ok) return;
    this.excursions = {
      ...this.excursions,
      ...Object.fromEntries(result.value.map((e) => [e.tripId, e])),
    };
  }

  /** Opens a trip's journal entry for editing. */
  edit(trip: RoundTrip): void {
    this.editing = trip.id;
    this.draftNote = trip.note;
    this.draftTags = trip.tags.join(' ');
  }

  /** Saves the entry being edited; the trip's row shows it at once. */
  async saveEntry(): Promise<void> {
    const tripId = this.editing;
    if (tripId === null) return;
    const result = await this.api.saveJournal({
      tripId,
      note: this.draftNote,
      tags: parseTags(this.draftTags),
    });
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    const { note, tags } = result.value;
    this.trips = this.trips.map((t) => (t.id === tripId ? { ...t, note, tags } : t));
    this.editing = null;
    this.message = 'Journal saved';
  }

  /** Searches the journal's notes and tags. */
  async searchJournal(): Promise<void> {
    const result = await this.api.searchJournal({ text: this.search });
    if (result.ok) this.searchResults = result.value;
    else this.error = result.error.message;
  }

  /** Shows an order's requests, replies and executions. */
  async openAudit(orderId: number): Promise<void> {
    const result = await this.api.orderAudit({ orderId });
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    this.auditOrderId = orderId;
    this.audit = result.value;
  }

  /** Exports the range's trips or fills as CSV, or its HTML report (fetched piece by piece). */
  async exportRange(kind: 'trips' | 'fills' | 'report'): Promise<void> {
    const parts: string[] = [];
    let fileName = '';
    let offset: number | null = 0;
    while (offset !== null) {
      const result = await this.api.reviewExport({ query: this.query, kind, offset });
      if (!result.ok) {
        this.error = result.error.message;
        return;
      }
      fileName = result.value.fileName;
      parts.push(result.value.content);
      offset = result.value.next;
    }
    const content = parts.join('');
    if (kind === 'report') {
      await this.saveFile(fileName, content, 'text/html;charset=utf-8');
      this.message = `Report ${fileName} ready`;
      return;
    }
    this.message = await this.#streamCsv(fileName, content);
  }

  /** Streams a CSV to the host's save dialog in pieces, or downloads it where the host has none. */
  async #streamCsv(fileName: string, content: string): Promise<string> {
    const begun = await this.api.exportCsv({ op: 'begin', fileName });
    if (!begun.ok) return begun.error.message;
    if (begun.value.status !== 'streaming') {
      await this.saveFile(fileName, content, 'text/csv;charset=utf-8');
      return `Exported ${fileName}`;
    }
    const exportId = begun.value.exportId;
    for (const chunk of splitForWire(content)) {
      const appended = await this.api.exportCsv({ op: 'append', exportId, chunk });
      if (!appended.ok) {
        await this.api.exportCsv({ op: 'abort', exportId });
        return appended.error.message;
      }
    }
    const done = await this.api.exportCsv({ op: 'finish', exportId });
    if (!done.ok) return done.error.message;
    return done.value.status === 'saved' ? `Saved ${done.value.path}` : 'Export canceled';
  }
}
