export { createCore } from './createCore';
export { PAPER_PROFILE_ID } from './profiles';
export type { Core, CoreOptions, PaperExchange, SecretStore, SessionTuning } from './api';
