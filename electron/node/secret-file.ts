/** A SecretStore kept in one JSON file (mode 0600), with an optional value codec. */
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../core/api';

/** Encodes values before they are written (Electron: safeStorage; browser host: a key file); identity by default. */
export interface SecretCodec {
  encode(value: string): string;
  decode(stored: string): string;
  /** False for a value an older version stored in clear: it is encoded on open. */
  isEncoded?(stored: string): boolean;
}

const IDENTITY: SecretCodec = { encode: (value) => value, decode: (stored) => stored };

/** Opens (or creates on first write) a secrets file; unreadable entries read as absent; clear ones are encoded. */
export function createFileSecretStore(
  filePath: string,
  codec: SecretCodec = IDENTITY,
): SecretStore {
  const read = (): Record<string, string> => {
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      );
    } catch {
      return {};
    }
  };
  const write = (entries: Record<string, string>): void => {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    const temporary = `${filePath}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(entries, null, 2), { mode: 0o600 });
    fs.chmodSync(temporary, 0o600);
    fs.renameSync(temporary, filePath);
  };
  const { isEncoded } = codec;
  if (isEncoded) {
    const entries = read();
    const clear = Object.entries(entries).filter(([, stored]) => !isEncoded(stored));
    if (clear.length > 0) {
      for (const [key, value] of clear) entries[key] = codec.encode(value);
      write(entries);
    }
  }
  return {
    get(key) {
      const stored = read()[key];
      if (stored === undefined) return null;
      try {
        return codec.decode(stored);
      } catch {
        return null;
      }
    },
    set(key, value) {
      write({ ...read(), [key]: codec.encode(value) });
    },
    delete(key) {
      const entries = read();
      if (!(key in entries)) return;
      delete entries[key];
      write(entries);
    },
  };
}
