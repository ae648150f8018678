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
