import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticPath } from './static-files';

const root = path.resolve('/srv/renderer');

describe('static files', () => {
  it('maps / to index.html and paths under the root to files', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveStaticPath(root, '/a%20b.css')).toBe(path.join(root, 'a b.css'));
  });

  it('refuses traversal, encoded separators, backslashes and NUL', () => {
    for (const urlPath of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/..%2fetc%2fpasswd',
      '/assets/../../x',
      '/..%5cx',
      '/a%00.js',
      '/%E0%A4%A',
      'relative',
    ]) {
      expect(resolveStaticPath(root, urlPath), urlPath).toBeNull();
    }
  });

  it('gives the right content types', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
