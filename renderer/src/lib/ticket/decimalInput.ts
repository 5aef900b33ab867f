/**
 * Reading a decimal the user typed. Only digits and one dot are a number:
 * a comma or a grouping space can mean a decimal point or a thousands
 * separator depending on the locale, so it is refused with both readings
 * spelled out rather than guessed (a guess once turned 1,5 into 15).
 */

/** What a typed decimal reads as: a value, or why it cannot be read. */
export type DecimalReading =
  | { ok: true; value: number }
  | { ok: false; problem: 'empty' | 'notANumber' | 'negative' }
  | { ok: false; problem: 'separator'; message: string };

const PLAIN = /^(?:\d+\.?\d*|\.\d+)$/;
/** Digits with separators the ticket refuses: commas, spaces, underscores, apostrophes. */
const SEPARATED = /^[\d.,\s_']+$/;
const SEPARATORS = /[,\s_']/g;
/** Thousands grouping: 1-3 digits, then groups of exactly three. */
const GROUPED = /^\d{1,3}(?:[,\s_']\d{3})+(?:\.\d+)?$/;

/** Reads a typed decimal; never guesses what a comma or a space meant. */
export function readDecimal(text: string): DecimalReading {
  const typed = text.trim();
  if (typed === '') return { ok: false, problem: 'empty' };
  if (PLAIN.test(typed)) return { ok: true, value: Number(typed) };
  if (typed.startsWith('-')) {
    const rest = readDecimal(typed.slice(1));
    return rest.ok || rest.problem === 'separator'
      ? { ok: false, problem: 'negative' }
      : { ok: false, problem: 'notANumber' };
  }
  const message = separatorMessage(typed);
  return message === null
    ? { ok: false, problem: 'notANumber' }
    : { ok: false, problem: 'separator', message };
}

/** The typed decimal's value, or null when it cannot be read without guessing. */
export function parseDecimal(text: string): number | null {
  const r = readDecimal(text);
  return r.ok ? r.value : null;
}

/** The error for a separator in typed digits, shown as soon as it is typed; else null. */
export function separatorError(text: string): string | null {
  const r = readDecimal(text);
  return !r.ok && r.problem === 'separator' ? r.message : null;
}

/** How to write `typed` (digits with separators) without ambiguity, or null if it is no number. */
function separatorMessage(typed: string): string | null {
  if (!SEPARATED.test(typed) || !/\d/.test(typed)) return null;
  const commas = typed.split(',').length - 1;
  const onlyOneComma = commas === 1 && !/[.\s_']/.test(typed);
  if (onlyOneComma) {
    const asDecimal = typed.replace(',', '.');
    const asGrouped = typed.replace(',', '');
    if (!PLAIN.test(asDecimal)) return null;
    // Three digits after the comma read as well as a thousands group: name both.
    return /,\d{3}$/.test(typed) && /^\d{1,3},/.test(typed)
      ? `Use a dot for decimals (${asDecimal}) or no separator (${asGrouped})`
      : `Use a dot for decimals: ${asDecimal}`;
  }
  // "1.000,5": dots group thousands and the comma is the decimal point.
  const european = /^\d{1,3}(?:\.\d{3})+,\d+$/.test(typed);
  if (european) {
    return `Use a dot for decimals and no thousands separators: ${typed.replace(/\./g, '').replace(',', '.')}`;
  }
  if (GROUPED.test(typed)) {
    return `Leave out thousands separators: ${typed.replace(SEPARATORS, '')}`;
  }
  return null;
}
