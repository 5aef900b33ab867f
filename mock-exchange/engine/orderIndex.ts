/**
 * Orders by orderId. Ids are handed out in sequence, so a paged array beats
 * a hash map: O(1) get/set/delete with no hashing and no rehash, 8 bytes per
 * slot, and a page is released once its last order is gone.
 */
import type { EngineOrder } from './order';

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const SLOT_MASK = PAGE_SIZE - 1;
/** The page number of an id (shifts for whole ids below 2^32, else division). */
const pageNoOf = (id: number): number =>
  id === id >>> 0 ? id >>> PAGE_BITS : Math.floor(id / PAGE_SIZE);
/** The slot of an id within its page. */
const slotOf = (id: number): number => (id === id >>> 0 ? id & SLOT_MASK : id % PAGE_SIZE);

/** One page of slots (ids pageNo * PAGE_SIZE ...). */
interface Page {
  slots: Array<EngineOrder | null>;
  /** Occupied slots. */
  used: number;
}

/** An integer map from orderId to order, iterated in orderId order. */
export class OrderIndex {
  private readonly pages = new Map<number, Page>();
  /** The most recently used page (ids arrive in sequence, so usually the hit). */
  private hotNo = -1;
  private hot: Page | undefined = undefined;

  /** The order with this id, or undefined. */
  get(id: number): EngineOrder | undefined {
    const page = this.pageOf(pageNoOf(id));
    return page?.slots[slotOf(id)] ?? undefined;
  }

  /** Adds or replaces an order. */
  set(o: EngineOrder): void {
    const no = pageNoOf(o.id);
    let page = this.pageOf(no);
    if (page === undefined) {
      page = { slots: new Array<EngineOrder | null>(PAGE_SIZE).fill(null), used: 0 };
      this.pages.set(no, page);
      this.hotNo = no;
      this.hot = page;
    }
    const i = slotOf(o.id);
    if (page.slots[i] === null) page.used++;
    page.slots[i] = o;
  }

  /** Removes the order with this id (no-op when absent). */
  delete(id: number): void {
    const no = pageNoOf(id);
    const page = this.pageOf(no);
    const i = slotOf(id);
    if (page === undefined || page.slots[i] === null) return;
    page.slots[i] = null;
    if (--page.used > 0) return;
    this.pages.delete(no);
    if (this.hotNo === no) {
      this.hotNo = -1;
      this.hot = undefined;
    }
  }

  /** Every order, by orderId. */
  *values(): IterableIterator<EngineOrder> {
    const numbers = [...this.pages.keys()].sort((a, b) => a - b);
    for (const no of numbers) {
      const page = this.pages.get(no);
      if (page === undefined) continue;
      for (const o of page.slots) if (o !== null) yield o;
    }
  }

  private pageOf(no: number): Page | undefined {
    if (no === this.hotNo) return this.hot;
    const page = this.pages.get(no);
    if (page !== undefined) {
      this.hotNo = no;
      this.hot = page;
    }
    return page;
  }
}
