import { describe, expect, it } from 'vitest';
import { isAudited } from './auditPolicy';

describe('audit policy', () => {
  it('keeps what a review of an order needs', () => {
    expect(isAudited('{"event":"newordersingle","requestId":"r1","payload":{}}')).toBe(true);
    expect(isAudited('{"event":"execution","payload":{"orderId":1}}')).toBe(true);
    expect(isAudited('{"event":"error","payload":{"code":400}}')).toBe(true);
    expect(isAudited('not json at all')).toBe(true);
  });

  it('stores no market data: neither quotes nor depth snapshots (ten a second per symbol watched)', () => {
    expect(isAudited('{"event":"quote","payload":{"symbol":"EURUSD"}}')).toBe(false);
    expect(isAudited('{"event":"depth","payload":{"symbol":"EURUSD","bids":[],"asks":[]}}')).toBe(
      false,
    );
    expect(
      isAudited('{"event":"depth","requestId":"d1","payload":{"symbol":"EURUSD","levels":10}}'),
    ).toBe(false);
  });
});
