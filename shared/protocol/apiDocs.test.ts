/**
 * docs/api/ is generated from the zod schemas by `npm run api-docs`: these
 * tests fail when a committed document is stale, when a document does not
 * validate (AsyncAPI with @asyncapi/parser, OpenAPI with
 * @readme/openapi-parser, both offline), and when a request event of a
 * revision has no messages in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { renderApiDocs } from '../../scripts/api-docs/render';
import { CURRENT_EVENTS, FIRST_EVENTS } from './revisions';
import { CORE_EVENTS, EXTENSION_EVENTS } from './schemas';

const ROOT = join(__dirname, '..', '..');
const ASYNCAPI = 'docs/api/order-socket.asyncapi.json';
const OPENAPI = 'docs/api/chart-api.openapi.json';

const committed = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const version = (JSON.parse(committed('package.json')) as { version: string }).version;

// Severity of @asyncapi/parser diagnostics: 0 error, 1 warning, 2 information, 3 hint.
const WARNING = 1;

describe('generated API documents', () => {
  it('the committed documents are exactly what `npm run api-docs` generates', async () => {
    for (const { file, text } of await renderApiDocs(version, ROOT)) {
      expect(committed(file) === text, `${file} is stale: run npm run api-docs`).toBe(true);
    }
  });

  it('the AsyncAPI document parses without errors or warnings', async () => {
    const { document, diagnostics } = await new Parser().parse(committed(ASYNCAPI));
    const problems = diagnostics
      .filter((d) => d.severity <= WARNING)
      .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('every revision has a request, a reply and an operation for each of its events, plus error and execution', () => {
    const doc = JSON.parse(committed(ASYNCAPI)) as {
      channels: Record<string, { messages: Record<string, unknown> }>;
      operations: Record<string, { action: string }>;
      components: { messages: Record<string, { payload: { $ref: string } }> };
    };
    const expected = {
      Extended: [...CORE_EVENTS, ...EXTENSION_EVENTS],
      First: FIRST_EVENTS,
      Current: CURRENT_EVENTS,
    };
    for (const [revision, events] of Object.entries(expected)) {
      const channel = doc.channels[`orderSocket${revision}`];
      const keys = Object.keys(channel?.messages ?? {});
      for (const event of events) {
        expect(keys, `${revision} ${event}`).toEqual(
          expect.arrayContaining([`${event}Request`, `${event}Reply`]),
        );
        const operation = `${revision.toLowerCase()}${event[0]?.toUpperCase()}${event.slice(1)}`;
        expect(doc.operations[operation]?.action, operation).toBe('receive');
      }
      expect(keys, revision).toEqual(expect.arrayContaining(['error', 'execution']));
    }
    expect(Object.keys(doc.channels.chartTicker?.messages ?? {}).sort()).toEqual([
      'error',
      'subscribe',
      'ticker',
    ]);
  });

  it('the OpenAPI document validates and has the three endpoints with their query parameters', async () => {
    const doc = JSON.parse(committed(OPENAPI)) as {
      openapi: string;
      paths: Record<string, { get: { parameters?: Array<{ name: string; required: boolean }> } }>;
    };
    expect(doc.openapi).toBe('3.1.0');
    // validate() dereferences in place: it gets its own copy.
    const result = await validate(JSON.parse(committed(OPENAPI)) as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/analysis/pivotlevels',
      '/candles',
      '/symbols',
    ]);
    const params = (path: string) =>
      (doc.paths[path]?.get.parameters ?? []).map((p) => `${p.name}${p.required ? '!' : ''}`);
    expect(params('/candles')).toEqual(['symbol!', 'interval!', 'count', 'from', 'till']);
    expect(params('/analysis/pivotlevels')).toEqual(['market!', 'interval!', 'type!']);
  });
});
