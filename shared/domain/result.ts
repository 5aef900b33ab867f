/** The one shape of "errors are values": a value, or an error of the boundary's own kind. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
