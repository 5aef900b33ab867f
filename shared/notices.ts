/**
 * What the app must show its users about software it ships: the attribution
 * notices of its third-party parts. The Help dialog lists them, each with a
 * link, and these links are the only foreign pages the desktop app hands to
 * the system browser.
 */

/** One part's attribution notice and the page it asks us to link to. */
export interface ThirdPartyNotice {
  name: string;
  /** The notice, as the part's NOTICE file words it. */
  notice: string;
  url: string;
}

export const THIRD_PARTY_NOTICES: readonly ThirdPartyNotice[] = [
  {
    // Apache-2.0 with a NOTICE: the chart library asks for its notice and a link to its maker.
    name: 'TradingView Lightweight Charts™',
    notice: 'Copyright (c) 2023 TradingView, Inc.',
    url: 'https://www.tradingview.com/',
  },
];

/** True only for the exact address of a notice's link. */
export function isNoticeUrl(url: string): boolean {
  return THIRD_PARTY_NOTICES.some((n) => n.url === url);
}
