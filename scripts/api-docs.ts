/**
 * `npm run api-docs`: regenerates docs/api/ (the AsyncAPI document of the
 * order and ticker sockets, the OpenAPI document of the Chart API) from the
 * zod schemas. shared/protocol/apiDocs.test.ts fails when they are stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiDocs } from './api-docs/render';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
};
for (const { file, text } of await renderApiDocs(version, root)) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  console.log(`wrote ${file}`);
}
