/** Client order ids the app assigns: `pd-<base36 time>-<counter>`. */

/** Makes a generator of unique clientOrderIds (1-36 chars of [A-Za-z0-9_-]). */
export function createClientOrderIdFactory(now: () => number): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    return `pd-${now().toString(36)}-${counter.toString(36)}`;
  };
}
