export { createCore } from './createCore';
export { PAPER_PROFILE_ID } from './profiles';
export type { Core, CoreOptions, PaperExchange, SecretStore } from './api';
export type { SessionTuning } from '../session';
