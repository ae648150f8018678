// Lengths as the citizen and the server count them: characters (code points) of the trimmed text,
// so an emoji or a rare character of a name (CJK Extension B) is one, not two UTF-16 units.

/** Characters of the trimmed text, counted by code point. */
export const charCount = (s: string): number => Array.from(s.trim()).length;

/** The server's limits on what the citizen types (workers/routes/portal.ts), in characters. */
export const LIMITS = {
  title: { min: 4, max: 60 },
  content: { min: 10, max: 5000 },
  name: { max: 30 },
  address: { max: 200 },
  reason: { min: 5, max: 1000 },
  comment: { max: 500 },
} as const;

/**
 * The HTML maxLength for a limit: the attribute counts UTF-16 units, so it is set at twice the
 * limit (a text within the limit always fits) and the check by characters says what is too long.
 */
export const inputCap = (max: number): number => max * 2;
