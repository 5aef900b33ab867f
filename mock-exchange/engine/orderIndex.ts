/**
 * Orders by orderId. Ids are handed out in sequence, so a paged array beats
 * a hash map: O(1) get/set/delete with no hashing and no rehash, 8 bytes per
 * slot, and a page is released once its last order is gone.
 */
import type { EngineOrder } from './order';

const PAGE_SIZE = 4096;

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
    const page = this.pageOf(Math.floor(id / PAGE_SIZE));
    return page?.slots[id % PAGE_SIZE] ?? undefined;
  }

  /** Adds or replaces an order. */
  set(o: EngineOrder): void {
    const no = Math.floor(o.id / PAGE_SIZE);
    let page = this.pageOf(no);
    if (page === undefined) {
      page = { slots: new Array<EngineOrder | null>(PAGE_SIZE).fill(null), used: 0 };
      this.pages.set(no, page);
      this.hotNo = no;
      this.hot = page;
    }
    const i = o.id % PAGE_SIZE;
    if (page.slots[i] === null) page.used++;
    page.slots[i] = o;
  }

  /** Removes the order with this id (no-op when absent). */
  delete(id: number): void {
    const no = Math.floor(id / PAGE_SIZE);
    const page = this.pageOf(no);
    const i = id % PAGE_SIZE;
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
