/** Runs a callback on the next animation frame (a timer where there is none, e.g. tests). */
export function nextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}
