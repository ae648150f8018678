// What a query code and its secret look like, and how a typed one is read: shared by the server's
// lookup and the portal's form (this file imports nothing, so the portal can bundle it).

/**
 * The letters a query code is made of (workflow/intake.ts draws from the same set): no 0, O, 1, I
 * or L, which a handwritten or printed receipt makes easy to confuse.
 */
export const QUERY_CODE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const QUERY_CODE_LENGTH = 10;

/**
 * A code as the citizen typed it: a Chinese input method in full-width mode (全角) gives ＡＢ１２
 * rather than AB12, a receipt read aloud gets spaces or dashes, a phone keyboard lower case.
 */
export const normalizeQueryCode = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\-_.·—]/g, '')
    .toUpperCase();

/** The six-digit secret as typed: full-width digits (全角) and spaces read as the plain digits. */
export const normalizeSecret = (s: string) => s.normalize('NFKC').replace(/\s/g, '');

/**
 * What is wrong with a typed code that cannot be anyone's, said before asking the server (whose
 * answer is the one uniform "不正确" and counts against the lookup limits); null when it may be right.
 */
export function queryCodeProblem(typed: string): 'length' | 'confusable' | 'letters' | null {
  const code = normalizeQueryCode(typed);
  if ([...code].some((ch) => '0O1IL'.includes(ch))) return 'confusable';
  if ([...code].some((ch) => !QUERY_CODE_LETTERS.includes(ch))) return 'letters';
  if (code.length !== QUERY_CODE_LENGTH) return 'length';
  return null;
}
