/**
 * Secrets at rest for hosts without an OS keychain (the browser host):
 * AES-256-GCM with a random key kept in its own 0600 file beside the
 * secrets. This keeps tokens out of clear text in `secrets.json`, backups of
 * it and grep; it does not protect them from the same OS user (or root), who
 * can read the key file too. Electron uses safeStorage instead.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretCodec } from './secret-file';

/** Prefix of an encrypted value (format and version). */
const PREFIX = 'aes-256-gcm:v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Reads the key in `keyFile`, creating it (0600, random) on first use; tightens a looser mode. */
function loadOrCreateKey(keyFile: string): Buffer {
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  try {
    // 'wx': never overwrite a key another launch just wrote (its secrets would be lost).
    fs.writeFileSync(keyFile, randomBytes(KEY_BYTES).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fs.chmodSync(keyFile, 0o600);
  const key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex');
  if (key.length !== KEY_BYTES) throw new Error(`${keyFile} does not hold a ${KEY_BYTES}-byte key`);
  return key;
}

/** A codec that encrypts each value with AES-256-GCM under the key in `keyFile`. */
export function createKeyFileCodec(keyFile: string): SecretCodec {
  const key = loadOrCreateKey(keyFile);
  return {
    encode(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decode(stored) {
      if (!stored.startsWith(PREFIX)) throw new Error('not an encrypted value');
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
    isEncoded: (stored) => stored.startsWith(PREFIX),
  };
}
