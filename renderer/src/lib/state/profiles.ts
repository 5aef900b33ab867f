/** The connection-profile form: its draft and inline validation (the core checks again). */

export interface ProfileDraft {
  name: string;
  url: string;
  login: string;
  /** Write-only: empty keeps the stored token. */
  token: string;
}

export type ProfileErrors = Partial<Record<'name' | 'url', string>>;

const WS_URL = /^wss?:\/\/\S+$/;

/** Inline errors of a draft; empty when it may be sent. */
export function validateProfile(draft: ProfileDraft): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Name is required';
  else if (name.length > 80) errors.name = 'Name is at most 80 characters';
  const url = draft.url.trim();
  if (!url) errors.url = 'URL is required';
  else if (!WS_URL.test(url)) errors.url = 'URL must start with ws:// or wss://';
  else if (url.length > 2000) errors.url = 'URL is at most 2000 characters';
  return errors;
}
