export type { RevisionCodec, RevisionRequest } from './codec';
export { createFirstCodec } from './firstCodec';
export { createCurrentCodec } from './currentCodec';
export { VENUE_ERROR_CODES, venueCode } from './venueErrors';
