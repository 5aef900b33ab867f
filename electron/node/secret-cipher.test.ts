import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/coreTestkit';
import { createKeyFileCodec } from './secret-cipher';
import { createFileSecretStore } from './secret-file';

const tmp = tempDir('pd-cipher-');
afterAll(() => tmp.remove());

const TOKEN = 'tok-CIPHER-93b1e0';

describe('secrets encrypted with a key file', () => {
  it('stores no token in clear and reads it back after a reopen', () => {
    const dir = path.join(tmp.dir, 'a');
    const file = path.join(dir, 'secrets.json');
    const key = path.join(dir, 'secrets.key');
    createFileSecretStore(file, createKeyFileCodec(key)).set('profile-token:x', TOKEN);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('aes-256-gcm:v1:');
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(createFileSecretStore(file, createKeyFileCodec(key)).get('profile-token:x')).toBe(TOKEN);
  });

  it('encrypts the same token differently each time and rejects a tampered or foreign value', () => {
    const codec = createKeyFileCodec(path.join(tmp.dir, 'b.key'));
    const one = codec.encode(TOKEN);
    expect(codec.encode(TOKEN)).not.toBe(one);
    const raw = Buffer.from(one.slice('aes-256-gcm:v1:'.length), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => codec.decode(`aes-256-gcm:v1:${raw.toString('base64')}`)).toThrow();
    const other = createKeyFileCodec(path.join(tmp.dir, 'c.key'));
    expect(() => other.decode(one)).toThrow();
  });

  it('encrypts a token an older version left in clear when the store opens', () => {
    const file = path.join(tmp.dir, 'legacy.json');
    fs.writeFileSync(file, JSON.stringify({ 'profile-token:x': TOKEN }), { mode: 0o600 });
    const store = createFileSecretStore(file, createKeyFileCodec(path.join(tmp.dir, 'd.key')));
    expect(fs.readFileSync(file, 'utf8')).not.toContain(TOKEN);
    expect(store.get('profile-token:x')).toBe(TOKEN);
  });

  it('tightens a key file left readable by others', () => {
    const key = path.join(tmp.dir, 'loose.key');
    createKeyFileCodec(key);
    fs.chmodSync(key, 0o644);
    createKeyFileCodec(key);
    expect(fs.statSync(key).mode & 0o777).toBe(0o600);
  });
});
