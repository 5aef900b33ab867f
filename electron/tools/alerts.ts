/**
 * Price alerts: above, below or crossing a level per instrument. An alert
 * fires once and stays quiet until the user re-arms it. Pure: fed prices.
 */
import type { PriceAlert } from '../../shared/ipc/tools';

/** The result of one price for one alert: the new alert and whether it fired. */
export interface AlertStep {
  alert: PriceAlert;
  fired: boolean;
}

/** True when `price` meets the alert's condition (crossing: coming from the other side of the level). */
function meets(alert: PriceAlert, price: number): boolean {
  switch (alert.condition) {
    case 'above':
      return price >= alert.price;
    case 'below':
      return price <= alert.price;
    case 'crossing': {
      const before = alert.lastPrice;
      if (before === null) return false;
      return (
        (before < alert.price && price >= alert.price) ||
        (before > alert.price && price <= alert.price)
      );
    }
  }
}

/** Feeds one price of the alert's symbol. */
export function stepAlert(alert: PriceAlert, price: number, now: number): AlertStep {
  if (!alert.armed) return { alert, fired: false };
  if (meets(alert, price))
    return {
      alert: { ...alert, armed: false, firedAt: now, firedPrice: price, lastPrice: price },
      fired: true,
    };
  return { alert: { ...alert, lastPrice: price }, fired: false };
}

/** Arms an alert again (crossing forgets the last price: it needs a fresh side). */
export function rearmAlert(alert: PriceAlert): PriceAlert {
  return { ...alert, armed: true, lastPrice: null };
}

/** The sentence a fired alert shows. */
export function alertMessage(alert: PriceAlert): string {
  const how =
    alert.condition === 'crossing'
      ? 'crossed'
      : alert.condition === 'above'
        ? 'at or above'
        : 'at or below';
  return `Alert: ${alert.symbol} ${how} ${alert.price} (last ${alert.firedPrice ?? '?'})`;
}
