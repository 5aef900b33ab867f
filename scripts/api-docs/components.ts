/**
 * zod schemas -> JSON Schema components. Every schema is converted with zod 4's
 * own `z.toJSONSchema` through one registry, so a schema used by several
 * messages becomes one component referenced by `$ref`, and nothing here
 * re-spells a shape the zod schemas already declare.
 */
import { z } from 'zod';

/** Named schemas to turn into components: the name is the component's key. */
export type NamedSchemas = ReadonlyArray<readonly [name: string, schema: z.ZodType]>;

/** A JSON Schema object as zod emits it. */
export type JsonSchema = Record<string, unknown>;

/** Where a component lives in the document (AsyncAPI and OpenAPI agree on this path). */
export const componentRef = (name: string): { $ref: string } => ({
  $ref: `#/components/schemas/${name}`,
});

/** Every exported zod object schema of `modules`, named by its export name (first name wins). */
export function exportedObjects(...modules: ReadonlyArray<Record<string, unknown>>): NamedSchemas {
  const seen = new Set<unknown>();
  const named: Array<readonly [string, z.ZodType]> = [];
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      // Objects only: enums and primitives read better inline than as one-line components.
      if (!(value instanceof z.ZodObject) || seen.has(value)) continue;
      seen.add(value);
      named.push([name, value]);
    }
  }
  return named;
}

/** A document's components and how its messages point at them. */
export interface Components {
  /** `components.schemas`: every registered schema a root reaches, sorted by name. */
  schemas: Record<string, JsonSchema>;
  /** The `$ref` of a registered schema (under the first name it was registered with). */
  ref(schema: z.ZodType): { $ref: string };
}

/**
 * The components of a document: each schema of `roots`, and each schema of
 * `shared` that a root reaches, converted for `target`. Transforms and
 * preprocessing are described by what they accept (`io: 'input'`, the wire
 * side); anything JSON Schema cannot say becomes `{}` instead of an exception.
 */
export function buildComponents(
  roots: NamedSchemas,
  shared: NamedSchemas,
  target: 'draft-7' | 'draft-2020-12',
): Components {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const [name, schema] of [...roots, ...shared]) {
    if (ids.has(schema)) continue;
    ids.set(schema, name);
    registry.add(schema, { id: name });
  }
  const converted = z.toJSONSchema(registry, {
    target,
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => componentRef(id).$ref,
  }).schemas as Record<string, JsonSchema>;
  const all: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(converted)) {
    // A component is not a document of its own: no dialect, no id.
    const { $schema: _dialect, $id: _id, ...rest } = schema;
    all[name] = rest;
  }
  const ref = (schema: z.ZodType): { $ref: string } => {
    const id = ids.get(schema);
    if (id === undefined) throw new Error('schema was not registered as a component');
    return componentRef(id);
  };
  const rootIds = roots.map(([, schema]) => ids.get(schema) as string);
  return { schemas: reachable(all, rootIds), ref };
}

/** The components `start` reaches through `$ref`s, in a stable (sorted) order. */
function reachable(
  all: Record<string, JsonSchema>,
  start: readonly string[],
): Record<string, JsonSchema> {
  const keep = new Set<string>();
  const visit = (name: string): void => {
    if (keep.has(name) || !(name in all)) return;
    keep.add(name);
    for (const ref of refsIn(all[name])) visit(ref);
  };
  for (const name of start) visit(name);
  return Object.fromEntries([...keep].sort().map((name) => [name, all[name] as JsonSchema]));
}

/** Component names referenced anywhere inside `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  const found: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$ref' && typeof inner === 'string') {
      const m = /^#\/components\/schemas\/(.+)$/.exec(inner);
      if (m?.[1]) found.push(m[1]);
    } else found.push(...refsIn(inner));
  }
  return found;
}
