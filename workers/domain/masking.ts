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

/** What stands in the public copy where personal data was taken out. */
export const REDACTED = '【已隐去】';

/**
 * What redactPersonalData takes out by itself, in the words the publish dialog tells the
 * dispatcher; the tests hold an example of each, so the dialog claims nothing the code does not do.
 */
export const PUBLIC_COPY_REMOVES = [
  '手机和座机号码',
  '身份证号',
  '银行卡号等长串数字',
  '邮箱',
  '微信号和 QQ 号',
  '车牌号',
  '门牌中的房号',
  '登记的诉求人姓名（改为“某”）',
] as const;

/** What it cannot find, for the dispatcher to read for before publishing (the tests show each stays). */
export const PUBLIC_COPY_CHECK = [
  '亲属和其他人的姓名',
  '村组门牌和街道门牌',
  '工作单位和职务',
  '用汉字或不规范写法写的号码和车牌',
] as const;

// Digits may come full-width (Chinese IME) and be grouped with spaces, hyphens or dashes, one at a
// time between two digits. A number is taken out whole: a masked phone (139****4321) or ID number
// (110105********0125) still points at one person to whoever knows the rest.
const D = '[0-9０-９]';
const SEP = '[ \\u3000\\-－‐–—]';
const G = `${SEP}?`;
/** no digit before / after: a number is never cut out of a longer one */
const NB = '(?<![0-9０-９])';
const NA = '(?![0-9０-９])';
const X = '[XxＸｘ]';
// 18-character ID number: 17 digits and a digit or X, in any grouping (110105 19900101 012X)
const ID_IN_TEXT = new RegExp(
  `${NB}${D}(?:${G}${D}){16}(?:${G}(?:${D}|${X}))(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])`,
  'g',
);
// mobile: 11 digits from 13x–19x, with +86 / 0086 before it or not (139 1234 5678, 1391234-5678)
const MOBILE_IN_TEXT = new RegExp(
  `${NB}(?:(?:[+＋]|00|００)?[8８][6６]${G})?[1１][3-9３-９]${D}(?:${G}${D}){8}${NA}`,
  'g',
);
// landline with its area code: 0591-87654321, (0591)87654321, （010）6512 3456, 0871 6543 3210
const LANDLINE_IN_TEXT = new RegExp(
  `${NB}[(（]?[0０]${D}{2,3}(?:[)）]${SEP}?|${G})${D}(?:${G}${D}){6,7}${NA}`,
  'g',
);
// bank cards and other long numbers: groups of 4 (6222 0212 3456 7890 123), or 11+ digits in a row
const CARD_IN_TEXT = new RegExp(`${NB}${D}{4}(?:${SEP}${D}{4}){2,}(?:${SEP}${D}{1,4})?${NA}`, 'g');
const LONG_NUMBER = new RegExp(`${D}{11,}`, 'g');
// a number masked the old way (139****5678, 110105********012X, ****4321): copies published before
// hold those, and the board takes them out as it shows them
const MASKED_NUMBER = new RegExp(`${D}{2,}[*＊]{2,}${D}*${X}?|[*＊]{2,}${D}{3,}${X}?`, 'g');
// a local number (7–8 digits, no area code) or a phone's last digits where the words say it is one
const SAID_PHONE = new RegExp(
  `((?:电话|手机|座机|固话|联系方式|号码|手机号|(?<![A-Za-z])tel)(?:号码?|是|为|[:：]|[ \\u3000])*)${D}(?:${G}${D}){6,7}${NA}`,
  'gi',
);
const TAIL_DIGITS = new RegExp(`(尾号(?:是|为|[:：]|[ \\u3000])*)${D}{4}${NA}`, 'g');
// the local part may be a mask already (l***@example.com): copies published before kept those
const EMAIL_IN_TEXT =
  /[A-Za-z0-9._%+*\-Ａ-Ｚａ-ｚ０-９]+[@＠][A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９]+(?:[.．][A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９]+)+/g;
// WeChat / QQ accounts after the word that names them: 微信是 liudashan88, 微信号：liu_ds, QQ 12345678,
// vx:abc-123, wx liudashan. What follows must look like an account (5 or more letters, digits, _ or -);
// 微信同手机号 or 加我微信 followed by Chinese is left as it is.
const IM_ACCOUNT =
  /((?:微信|威信|薇信|[vV]信|扣扣|(?<![A-Za-z])(?:wechat|weixin|qq|vx|wx)(?![A-Za-z]))(?:号码|号|账号|帐号|id)?(?:是|为|[:：=＝]|[ \u3000])*)[A-Za-z0-9_\-Ａ-Ｚａ-ｚ０-９＿－]{5,}/gi;
// car plates: 云A12345, 云A·D12345 (new energy), 川A 1234挂; at least 3 digits after the letter
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE_IN_TEXT = new RegExp(
  `[${PROVINCES}][A-Za-zＡ-Ｚａ-ｚ][·•・ \\-－]?[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]{4,6}[挂学警]?(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])`,
  'g',
);
// a flat's door number: 3栋2单元501, 5号楼1203室, 2幢301户, 602室. The building and the entrance stay
// (many households share them and a question is often about them: the building's lift, its roof);
// the door number points at one household and goes.
const DOOR_IN_TEXT = new RegExp(
  `((?:栋|幢|号楼|单元)${SEP}?)${D}{3,4}(?:室|号|户)?${NA}|${NB}${D}{3,4}(?:室|号房)`,
  'g',
);

/** A number the case record holds, found however it is grouped in the text. */
function knownNumber(digits: string): RegExp | null {
  if (digits.length < 5) return null;
  const body = [...digits]
    .map((ch) => {
      const full = String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
      return ch === 'X' ? X : `[${ch}${full}]`;
    })
    .join(G);
  return new RegExp(`${NB}${body}${NA}`, 'g');
}

const digitCount = (s: string) => (halfWidth(s).match(/\d/g) ?? []).length;

/**
 * Text fit to be shown to the public (the 问政 board). Taken out whole, wherever they stand and
 * however they are typed (full-width digits, spaces, hyphens, next to Chinese characters): ID
 * numbers, mobile and landline numbers (and a local number or a phone's 尾号 where the text says it
 * is one), bank card and other long numbers, e-mail addresses, WeChat and QQ accounts after the
 * word that names them, car plates, a flat's door number, and the petitioner's phone and ID number
 * as the case records them. The petitioner's own name is cut to 某 after the surname (刘建国 →
 * 刘某). Other people's names, rural addresses and the like cannot be found reliably: the
 * dispatcher reads the copy before it is published. Applying it twice changes nothing more.
 */
export function redactPersonalData(text: string, known: KnownPerson = {}): string {
  let out = text
    .replace(EMAIL_IN_TEXT, REDACTED)
    .replace(IM_ACCOUNT, (_m, word: string) => word + REDACTED)
    .replace(ID_IN_TEXT, REDACTED)
    .replace(CARD_IN_TEXT, REDACTED)
    .replace(MOBILE_IN_TEXT, REDACTED)
    .replace(LANDLINE_IN_TEXT, REDACTED)
    .replace(LONG_NUMBER, REDACTED)
    .replace(MASKED_NUMBER, REDACTED)
    .replace(SAID_PHONE, (_m, word: string) => word + REDACTED)
    .replace(TAIL_DIGITS, (_m, word: string) => word + REDACTED);
  for (const digits of [normalizePhone(known.phone), normalizeIdNumber(known.idNumber)]) {
    const re = knownNumber(digits);
    if (re) out = out.replace(re, REDACTED);
  }
  out = out
    .replace(PLATE_IN_TEXT, (m) => (digitCount(m) >= 3 ? REDACTED : m))
    .replace(DOOR_IN_TEXT, (_m, word: string | undefined) => (word ?? '') + REDACTED);
  const name = known.name?.trim();
  // a one-character "name" would cut every occurrence of that character
  if (name && [...name].length >= 2) out = out.split(name).join(`${[...name][0]}某`);
  return out;
}
