/** The connection-profile form: its draft and inline validation (the core checks again). */
import { commands } from '../../../../shared/ipc';

export interface ProfileDraft {
  name: string;
  url: string;
  login: string;
  /** Write-only: empty keeps the stored token. */
  token: string;
}

export type ProfileErrors = Partial<Record<'name' | 'url', string>>;

/** The contract's `saveProfile` input: the rules main applies, checked here first. */
const SaveProfileInput = commands.saveProfile.input.pick({ name: true, url: true });

/** Inline errors of a draft; empty when it may be sent. */
export function validateProfile(draft: ProfileDraft): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = draft.name.trim();
  const url = draft.url.trim();
  // An empty field gets a plain "required" rather than the schema's size message.
  if (!name) errors.name = 'Name is required';
  if (!url) errors.url = 'URL is required';
  const parsed = SaveProfileInput.safeParse({ name, url });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'name' || field === 'url') && !errors[field]) errors[field] = issue.message;
    }
  }
  return errors;
}
