/** Whether this page can draw a chart: lightweight-charts needs a 2D canvas (jsdom, for one, has none). */
export function canDrawCharts(): boolean {
  return typeof CanvasRenderingContext2D !== 'undefined';
}
