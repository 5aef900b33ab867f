/** The generated API documents: where each lives and its exact text (formatted as the repository formats JSON). */
import * as prettier from 'prettier';
import { chartApiDocument } from './chartApi';
import { orderSocketDocument } from './orderSocket';

/** Each document, by its path from the repository root. */
export const API_DOCS = [
  { file: 'docs/api/order-socket.asyncapi.json', build: orderSocketDocument },
  { file: 'docs/api/chart-api.openapi.json', build: chartApiDocument },
] as const;

/** `doc` as the committed file's text: Prettier's JSON with the repository's settings. */
export async function renderJson(doc: unknown, file: string, root: string): Promise<string> {
  const options = (await prettier.resolveConfig(`${root}/${file}`)) ?? {};
  return prettier.format(JSON.stringify(doc), { ...options, filepath: file, parser: 'json' });
}

/** Every document's path and text, for `version` (the package's). */
export async function renderApiDocs(
  version: string,
  root: string,
): Promise<Array<{ file: string; text: string }>> {
  return Promise.all(
    API_DOCS.map(async ({ file, build }) => ({
      file,
      text: await renderJson(build(version), file, root),
    })),
  );
}
