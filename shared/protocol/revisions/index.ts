/** The order protocol's revisions: which kinds of server exist, and each one's wire shapes. */
import { z } from 'zod';

export * from './first';
export * from './current';

/** extended (ours: the source document plus docs/protocol.md), first (the source document only) or current (the operator's newest). */
export const Revision = z.enum(['extended', 'first', 'current']);
export type Revision = z.infer<typeof Revision>;
