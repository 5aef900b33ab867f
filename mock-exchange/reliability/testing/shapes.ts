/**
 * Hand-written shape predicates for the public-text client tests. They know
 * only what the public texts print (field names and JSON types), never the
 * repository's schemas, so a drift between the mock and the texts shows here
 * as a list of precise problems rather than a single false.
 */

/** What one field of a message must be. */
export type FieldKind =
  | 'string'
  | 'nonEmptyString'
  | 'number'
  | 'positiveInteger'
  | 'isoUtc'
  | 'epochMs'
  | 'array'
  | 'object'
  | readonly string[];

/** One field: its kind and whether the text always shows it. */
export interface FieldSpec {
  kind: FieldKind;
  required: boolean;
}

/** A message shape: its fields; every other key is a problem (the texts are normative). */
export type Shape = Readonly<Record<string, FieldSpec>>;

/** A required field. */
export const req = (kind: FieldKind): FieldSpec => ({ kind, required: true });
/** An optional field. */
export const opt = (kind: FieldKind): FieldSpec => ({ kind, required: false });

// ISO-8601 instant in UTC, as the texts print it: 2022-04-23T18:25:43.511Z.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Why `value` is not of `kind` (null when it is). */
function kindProblem(value: unknown, kind: FieldKind): string | null {
  const got = JSON.stringify(value);
  if (Array.isArray(kind)) {
    return typeof value === 'string' && kind.includes(value)
      ? null
      : `expected one of ${kind.join('|')}, got ${got}`;
  }
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? null : `expected a string, got ${got}`;
    case 'nonEmptyString':
      return typeof value === 'string' && value.length > 0
        ? null
        : `expected a non-empty string, got ${got}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `expected a number, got ${got}`;
    case 'positiveInteger':
      return Number.isSafeInteger(value) && (value as number) > 0
        ? null
        : `expected a positive integer, got ${got}`;
    case 'isoUtc':
      return typeof value === 'string' && ISO_UTC.test(value) && Number.isFinite(Date.parse(value))
        ? null
        : `expected an ISO-8601 UTC string, got ${got}`;
    case 'epochMs':
      return Number.isSafeInteger(value) && (value as number) >= 0
        ? null
        : `expected epoch milliseconds, got ${got}`;
    case 'array':
      return Array.isArray(value) ? null : `expected an array, got ${got}`;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? null
        : `expected an object, got ${got}`;
    default:
      return `unknown kind`;
  }
}

/** Every way `value` differs from `shape` (empty when it matches), each naming `where`. */
export function shapeProblems(value: unknown, shape: Shape, where: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${where}: expected an object, got ${JSON.stringify(value)}`];
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(shape)) {
    if (!(name in record)) {
      if (spec.required) problems.push(`${where}.${name}: missing`);
      continue;
    }
    const problem = kindProblem(record[name], spec.kind);
    if (problem) problems.push(`${where}.${name}: ${problem}`);
  }
  for (const name of Object.keys(record)) {
    if (!(name in shape)) problems.push(`${where}.${name}: not in the text`);
  }
  return problems;
}

/** Problems of a list whose every item must have `shape`. */
export function listProblems(value: unknown, shape: Shape, where: string): string[] {
  if (!Array.isArray(value)) return [`${where}: expected an array, got ${JSON.stringify(value)}`];
  return value.flatMap((item, i) => shapeProblems(item, shape, `${where}[${i}]`));
}

/** Problems of a whole message: its top-level keys, then its payload. */
export function messageProblems(
  message: unknown,
  top: Shape,
  payload: ((p: unknown) => string[]) | null,
  where: string,
): string[] {
  const problems = shapeProblems(message, top, where);
  if (payload && typeof message === 'object' && message !== null) {
    problems.push(...payload((message as Record<string, unknown>).payload));
  }
  return problems;
}
