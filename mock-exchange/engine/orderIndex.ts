/**
 * Order slots by orderId. Ids are handed out in sequence, so a paged array
 * beats a hash map: O(1) get/set/delete with no hashing and no rehash, 4
 * bytes per id, and a page is released once its last order is gone. Pages
 * sit in a plain array by page number counted from the first page used
 * (no hashing either); pages below that one go to a Map.
 */

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const SLOT_MASK = PAGE_SIZE - 1;
/** The page number of an id (shifts for whole ids below 2^32, else division). */
const pageNoOf = (id: number): number =>
  id === id >>> 0 ? id >>> PAGE_BITS : Math.floor(id / PAGE_SIZE);
/** The position of an id within its page. */
const offsetOf = (id: number): number => (id === id >>> 0 ? id & SLOT_MASK : id % PAGE_SIZE);

/** One page of ids (pageNo * PAGE_SIZE ...): each entry is slot + 1, 0 when empty. */
interface Page {
  slots: Int32Array;
  /** Occupied entries. */
  used: number;
}

/** An integer map from orderId to order slot, iterated in orderId order. */
export class OrderIndex {
  /** Pages by `pageNo - base`; undefined where none. */
  private readonly near: Array<Page | undefined> = [];
  /** The page number of `near[0]` (set by the first page made). */
  private base = -1;
  /** Pages below `base` (a restored engine's older ids, say). */
  private readonly below = new Map<number, Page>();
  /** The most recently used page (ids arrive in sequence, so usually the hit). */
  private hotNo = -1;
  private hot: Page | undefined = undefined;

  /** The slot of the order with this id, or -1. */
  get(id: number): number {
    const page = this.pageOf(pageNoOf(id));
    return page === undefined ? -1 : (page.slots[offsetOf(id)] as number) - 1;
  }

  /** Adds or replaces the slot of an order id. */
  set(id: number, slot: number): void {
    const no = pageNoOf(id);
    let page = this.pageOf(no);
    if (page === undefined) {
      page = { slots: new Int32Array(PAGE_SIZE), used: 0 };
      if (this.base < 0) this.base = no;
      if (no >= this.base) {
        // Fill any gap first, so the array stays packed (no holes).
        while (this.near.length < no - this.base) this.near.push(undefined);
        this.near[no - this.base] = page;
      } else this.below.set(no, page);
      this.hotNo = no;
      this.hot = page;
    }
    const i = offsetOf(id);
    if (page.slots[i] === 0) page.used++;
    page.slots[i] = slot + 1;
  }

  /** Removes the order with this id (no-op when absent). */
  delete(id: number): void {
    const no = pageNoOf(id);
    const page = this.pageOf(no);
    const i = offsetOf(id);
    if (page === undefined || page.slots[i] === 0) return;
    page.slots[i] = 0;
    if (--page.used > 0) return;
    if (no >= this.base) this.near[no - this.base] = undefined;
    else this.below.delete(no);
    if (this.hotNo === no) {
      this.hotNo = -1;
      this.hot = undefined;
    }
  }

  /** Every order's slot, by orderId. */
  *values(): IterableIterator<number> {
    const pages = [...this.below.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    for (const page of pages.concat(this.near.filter((p) => p !== undefined))) {
      for (const entry of page.slots) if (entry !== 0) yield entry - 1;
    }
  }

  private pageOf(no: number): Page | undefined {
    if (no === this.hotNo) return this.hot;
    const page = no >= this.base ? this.near[no - this.base] : this.below.get(no);
    if (page !== undefined) {
      this.hotNo = no;
      this.hot = page;
    }
    return page;
  }
}
