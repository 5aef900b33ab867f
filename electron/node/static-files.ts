/** Resolving, opening and typing the built renderer's files, shared by both hosts. */
import fs from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

/** The Content-Type for a file name (octet-stream when unknown). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path ("/assets/a.js", "/") to a file under `root`, or null when
 * it is malformed or escapes `root` (traversal, encoded separators, NUL).
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const base = path.resolve(root);
  const resolved = path.resolve(base, relative);
  if (resolved !== base && !resolved.startsWith(base + path.sep)) return null;
  if (relative.split('/').some((segment) => segment === '..')) return null;
  return resolved;
}

/** An open static file: its handle (the caller closes it) and its size. */
export interface StaticFile {
  handle: fs.FileHandle;
  size: number;
}

/**
 * Opens `filePath` (from resolveStaticPath) only when it is a regular file
 * whose real path lies under the real path of `root`: a symlink planted in
 * the folder cannot reach a file outside it. Null when it is missing,
 * outside, or not a regular file.
 */
export async function openStaticFile(root: string, filePath: string): Promise<StaticFile | null> {
  let realRoot: string;
  let realFile: string;
  try {
    [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(filePath)]);
  } catch {
    return null;
  }
  if (!realFile.startsWith(realRoot + path.sep)) return null;
  let handle: fs.FileHandle;
  try {
    // O_NOFOLLOW: the checked path cannot be swapped for a link between check and open.
    handle = await fs.open(realFile, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  const stats = await handle.stat().catch(() => null);
  if (!stats?.isFile()) {
    await handle.close();
    return null;
  }
  return { handle, size: stats.size };
}
