// Phone and ID numbers: the canonical form we store and hash, validity checks, and the masked form
// shown in lists and exports (138****8000, 110105********0123). A phone's mask has a fixed width so
// it does not give away how many digits are hidden.

const MASK = '****';

/** Full-width digits and letters (as typed with a Chinese IME) → ASCII. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Digits only, without a +86 / 0086 country prefix: '+86 138-1234-8000' → '13812348000',
 * '0591-87654321' → '059187654321'. The same number typed two ways must hash the same.
 */
export function normalizePhone(input: string | null | undefined): string {
  if (!input) return '';
  let digits = halfWidth(input).replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13 && digits[2] === '1') digits = digits.slice(2);
  return digits;
}

/** A mainland mobile number (11 digits, 13x–19x). */
export function isValidMobile(input: string | null | undefined): boolean {
  return /^1[3-9]\d{9}$/.test(normalizePhone(input));
}

// Area codes are 010 and 02x (3 digits) or 0xxx (4 digits).
function areaCodeLength(digits: string): number {
  if (!digits.startsWith('0')) return 0;
  return digits[1] === '1' || digits[1] === '2' ? 3 : 4;
}

/**
 * '13812348000' → '138****8000'; '0591-87654321' → '0591****4321'; a local number without area
 * code keeps only its last 4 digits; anything under 7 digits is masked entirely.
 */
export function maskPhone(input: string | null | undefined): string {
  const digits = normalizePhone(input);
  if (digits === '') return input ? MASK : '';
  if (digits.length < 7) return MASK;
  if (/^1\d{10}$/.test(digits)) return digits.slice(0, 3) + MASK + digits.slice(-4);
  const area = areaCodeLength(digits);
  if (area > 0 && digits.length - area >= 7) return digits.slice(0, area) + MASK + digits.slice(-4);
  return MASK + digits.slice(-4);
}

/** Uppercase, without spaces, with full-width characters made ASCII: '11010519900101012x' → '…X'. */
export function normalizeIdNumber(input: string | null | undefined): string {
  if (!input) return '';
  return halfWidth(input).replace(/\s/g, '').toUpperCase();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * An 18-character resident ID number (GB 11643-1999): 17 digits with a real birth date and the
 * right check character. The old 15-digit numbers were replaced by 2013 and are not accepted.
 */
export function isValidIdNumber(input: string | null | undefined): boolean {
  const id = normalizeIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17];
}

/** '110105199001010123' → '110105********0123': region shown, birth date and sequence hidden. */
export function maskIdNumber(input: string | null | undefined): string {
  const id = normalizeIdNumber(input);
  if (id === '') return '';
  if (id.length < 10) return MASK;
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** Whose text it is: what the case record knows of the petitioner, to be taken out wherever typed. */
export interface KnownPerson {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
}

// Digits may come full-width (Chinese IME) and be grouped with spaces or hyphens.
const D = '[0-9０-９]';
const SEP = '[ \\-－]?';
const ID_IN_TEXT = new RegExp(
  `(?<![0-9０-９Xx])${D}{6}${SEP}${D}{8}${SEP}${D}{3}[0-9０-９XxＸｘ](?![0-9０-９Xx])`,
  'g',
);
const MOBILE_IN_TEXT = new RegExp(
  `(?<![0-9０-９])(?:\\+?86${SEP})?[1１][3-9３-９]${D}(?:${SEP}${D}{4}){2}(?![0-9０-９])`,
  'g',
);
// 0591-87654321, (0591)87654321, 010 6512 3456: an area code, then 7–8 digits
const LANDLINE_IN_TEXT = new RegExp(
  `(?<![0-9０-９])[(（]?[0０]${D}{2,3}[)）]?${SEP}${D}{3,4}${SEP}?${D}{4}(?![0-9０-９])`,
  'g',
);
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * Text fit to be shown to the public (the 问政 board): ID numbers, mobile and landline numbers and
 * e-mail addresses masked wherever they stand and however they are typed (full-width digits,
 * spaces, hyphens), and the petitioner's own name, as the case records it, cut to 某 after the
 * surname (刘建国 → 刘某). Applying it twice changes nothing more.
 */
export function redactPersonalData(text: string, known: KnownPerson = {}): string {
  let out = text
    .replace(ID_IN_TEXT, (m) => maskIdNumber(m.replace(/[ \-－]/g, '')))
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m))
    .replace(LANDLINE_IN_TEXT, (m) => maskPhone(m))
    .replace(EMAIL_IN_TEXT, (m) => `${m[0]}***@${m.split('@')[1]}`);
  const name = known.name?.trim();
  // a one-character "name" would cut every occurrence of that character
  if (name && [...name].length >= 2) out = out.split(name).join(`${[...name][0]}某`);
  return out;
}
