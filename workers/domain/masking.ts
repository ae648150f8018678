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

/**
 * A number a petitioner can be called back on, as intake accepts it: a mobile, or a landline with
 * its area code (3–4 digits with the 0, then 7–8 digits). The console checks it with this too.
 */
export function isValidPhone(input: string | null | undefined): boolean {
  const digits = normalizePhone(input);
  return isValidMobile(digits) || /^0\d{2,3}\d{7,8}$/.test(digits);
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
  '村组门牌号（如 3组15号）',
  '登记的诉求人姓名（改为“某”）',
] as const;

/** What it cannot find, for the dispatcher to read for before publishing (the tests show each stays). */
export const PUBLIC_COPY_CHECK = [
  '亲属和其他人的姓名',
  '街道门牌和用汉字写的村组门牌',
  '工作单位和职务',
  '用汉字或不规范写法写的号码和车牌',
] as const;

// Digits may come full-width (Chinese IME) and be grouped with a short run of separators between two
// digits: spaces (also full-width and no-break), hyphens and dashes, dots, middle dots, slashes,
// line breaks — 138 - 1234 - 8000, 138.1234.8000, 110105.19900101.012X, 138⏎1234⏎8000. A number is
// taken out whole: a masked phone (139****4321) or ID number (110105********0125) still points at
// one person to whoever knows the rest. Up to 3 separators between two digits (' - ', '\r\n', ' — ');
// what the patterns ask of the digits (11 from 13x–19x, 18 with a birth date, an area code) is what
// keeps dates (2026.12.06), amounts (1.5 万元) and case numbers (2026-000123) out of them. A table of
// figures one per line can still read as a phone number: taking out too much is the safer mistake.
// Between the groups of a phone or ID number — and only there — commas, 、, _ and brackets may stand
// too: (138)1234-8000, +86 (138) 1234 8000, 138，1234，8000, 138_1234_8000, 110105、19900101、0125,
// 0591、8765、4321. Where the groups fall is the shape of the number (3-4-4, 6-8-4 or 6-4-4-4, 6-6-3,
// area code and 3–4 + 4), so 1,500元, 3、5、8号楼, 1、3、5、7、9、11、13、15号楼 and 2021、2022、2023
// hold no phone: their commas are not where a phone's groups part.
const D = '[0-9０-９]';
const SEP_CHARS = ' \\t\\r\\n\\u00a0\\u3000\\-－‐‑–—.．·•・/／';
const SEP_CHAR = `[${SEP_CHARS}]`;
const G = `${SEP_CHAR}{0,3}`;
/** between the groups of a phone or ID number */
const W = `[${SEP_CHARS}，,、､_＿()（）]{0,3}`;
// a bank card is grouped in fours by spaces or dashes only: with dots and slashes 2024/2025/2026 or
// 2024.2025.2026 would be a card
const CARD_SEP = '[ \\t\\r\\n\\u00a0\\u3000\\-－‐‑–—]{1,3}';
/** no digit before / after: a number is never cut out of a longer one */
const NB = '(?<![0-9０-９])';
const NA = '(?![0-9０-９])';
const X = '[XxＸｘ]';
const NO_ALNUM_AFTER = '(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])';
/** a group that may stand in brackets: (138), （0591） */
const bracketed = (group: string) => `(?:[(（]${group}[)）]|${group})`;
/**
 * Digits (each a character class) in groups of the given sizes: any run of separators between two
 * digits (G), and commas, 、, _ and brackets too between two groups (W); the first group may stand in
 * brackets — its closing one is part of W, the opening one is taken only with it.
 */
function grouped(chars: readonly string[], sizes: readonly number[]): string {
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(chars.slice(at, at + size).join(G));
    at += size;
  }
  const [first = '', ...rest] = groups;
  return [bracketed(first), ...rest].join(W);
}
const digits = (n: number) => Array.from({ length: n }, () => D);
// 18-character ID number: 17 digits and a digit or X, in any grouping (110105 19900101 012X)
const ID_IN_TEXT = new RegExp(
  `${NB}${grouped([...digits(17), `(?:${D}|${X})`], [6, 4, 4, 4])}${NO_ALNUM_AFTER}`,
  'g',
);
// the old 15-digit ID number (6 digits of region, yymmdd, 3 of sequence): no letter at its end
const OLD_ID_IN_TEXT = new RegExp(`${NB}${grouped(digits(15), [6, 6, 3])}${NO_ALNUM_AFTER}`, 'g');
// mobile: 11 digits from 13x–19x, with +86 / 0086 before it or not (139 1234 5678, 1391234-5678)
const MOBILE_IN_TEXT = new RegExp(
  `${NB}(?:(?:[+＋]|00|００)?[8８][6６]${G})?${grouped(['[1１]', '[3-9３-９]', ...digits(9)], [3, 4, 4])}${NA}`,
  'g',
);
// landline with its area code: 0591-87654321, (0591)87654321, （010）6512 3456, 0871 6543 3210; no
// area code starts 00 (that is the international prefix), so 2026-000123 2026-000124 is none
const LANDLINE_IN_TEXT = new RegExp(
  `${NB}${bracketed(`[0０][1-9１-９]${D}{1,2}`)}${W}${D}(?:${G}${D}){2,3}${W}${D}(?:${G}${D}){3}${NA}`,
  'g',
);
// bank cards and other long numbers: groups of 4 (6222 0212 3456 7890 123), or 11+ digits in a row
const CARD_IN_TEXT = new RegExp(`${NB}${D}{4}(?:${CARD_SEP}${D}{4}){2,}(?:${CARD_SEP}${D}{1,4})?${NA}`, 'g');
const LONG_NUMBER = new RegExp(`${D}{11,}`, 'g');
// a number masked the old way (139****5678, 110105********012X, ****4321): copies published before
// hold those, and the board takes them out as it shows them
const MASKED_NUMBER = new RegExp(`${D}{2,}[*＊]{2,}${D}*${X}?|[*＊]{2,}${D}{3,}${X}?`, 'g');
// a date is 8 digits too: 号码 2026-12-06 is not a local number
const DATE_AHEAD = `(?!(?:[1１][9９]|[2２][0０])${D}{2}${SEP_CHAR}{1,3}${D}{1,2}${SEP_CHAR}{1,3}${D}{1,2}${NA})`;
// a local number (7–8 digits, no area code) or a phone's last digits where the words say it is one
const SAID_PHONE = new RegExp(
  `((?:电话|手机|座机|固话|联系方式|号码|手机号|(?<![A-Za-z])tel)(?:号码?|是|为|[:：]|[ \\u3000])*)${DATE_AHEAD}${D}(?:${G}${D}){6,7}${NA}`,
  'gi',
);
const TAIL_DIGITS = new RegExp(
  `((?:尾号|[后末][四4４]位(?:数字?)?|末尾)(?:是|为|[:：]|[ \\u3000])*)${D}{4}${NA}`,
  'g',
);
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
// a flat's door number: 3栋2单元501, 5号楼1203室, 2幢301户, 5号楼2-501, 602室. The building and the
// entrance stay (many households share them and a question is often about them: the building's lift,
// its roof); the door number points at one household and goes. A number that counts, measures or
// dates something is not a door number, though it follows the building as closely: 5号楼2008年建成,
// 6号楼120户居民, 3号楼1000元补贴, 3栋120.5平方米, 2单元300人签名. The words that say so are few and
// exact — 501 followed by 位于, 平时, 次卧, 年久失修 or 名下 is still a door number.
const COUNTER =
  '(?:年(?!久)|元|块|角|万|亿|千|百|人|口人|名(?![下字])|位(?![于置])|个|辆|间|套|栋|幢|层|级|条|项|次(?!卧)|件|' +
  '平(?:方|米)?(?![时常日安静稳整台息])|㎡|亩|米|公里|吨|斤|公斤|千克|升|度|%|％|‰|岁|小时|分钟)';
// 余 or 多 before the unit (100余户, 150多万元); 多年 and 多次 are not units (住3栋501多年了)
const ABOUT = '(?:余|多(?=[万亿千百元人名个辆户平米]))?';
// 户 after a door number is the household itself (2幢301户); before 居民 or 人家 it counts them
const HOUSEHOLDS_AFTER = '(?:居民|人家|住户|业主|家庭|村民|群众|左右|以上|以下)';
const COUNTED = `(?:[ \\u3000]*(?:${ABOUT}${COUNTER}|${ABOUT}户${HOUSEHOLDS_AFTER}|[余多]户)|[.．]${D})`;
const DOOR_IN_TEXT = new RegExp(
  `((?:栋|幢|号楼|单元)${SEP_CHAR}?(?:${D}{1,2}[\\-－])?)${D}{3,4}(?:室|号(?!楼)|户(?!${HOUSEHOLDS_AFTER})|(?!${COUNTED}))${NA}` +
    `|${NB}${D}{3,4}(?:室|号房)`,
  'g',
);

// a rural household's door number: 幸福村3组15号, 二组8号, 李家屯12号 — in a village the number after the
// village or its group (组, 队, 社) is one household's. Not a date (组15号开会 is rare, 号召 is a word),
// not a plot, a document or a building: 村2号地块, 组1号文件, 村5号楼 keep theirs.
const RURAL_DOOR = new RegExp(
  `((?:村|组|队|社|屯)${SEP_CHAR}?)${D}{1,4}号(?!楼|地|田|文|令|线|机|台|车|桥|井|召|码|称)`,
  'g',
);

/** Where a number the case record holds parts into groups: as the patterns above group its kind. */
function groupSizes(digits: string): number[] {
  if (/^1\d{10}$/.test(digits)) return [3, 4, 4];
  if (digits.length === 18) return [6, 4, 4, 4];
  if (digits.length === 15) return [6, 6, 3];
  const area = areaCodeLength(digits);
  const local = digits.length - area;
  if (local === 7 || local === 8) return area > 0 ? [area, local - 4, 4] : [local - 4, 4];
  return [digits.length];
}

/** A number the case record holds, found however it is grouped in the text. */
function knownNumber(digits: string): RegExp | null {
  if (digits.length < 5) return null;
  const chars = [...digits].map((ch) => {
    const full = String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
    return ch === 'X' ? X : `[${ch}${full}]`;
  });
  return new RegExp(`${NB}${grouped(chars, groupSizes(digits))}${NA}`, 'g');
}

/**
 * A landline's local part (7–8 digits after the area code): inside a county people write it
 * without the area code (87654321, 8765-4321).
 */
function localPart(phone: string): string {
  const area = areaCodeLength(phone);
  const local = phone.length - area;
  return area > 0 && (local === 7 || local === 8) ? phone.slice(area) : '';
}

// A two-character name (surname and one character: 王府, 江南, 黄山, 张家) is often also the first half
// of a place word (王府井, 江南小区, 黄山市, 张家港): there it is left as it stands. Missing a name is
// worse than cutting one too many, so only a place suffix that a person's name is hardly ever
// followed by in a sentence keeps it, and whatever could still make it the person cuts it: a title
// (江南村长, 江南市民), a verb (王府路过), a place word (江南河边, 江南山上 — the person by the river as
// likely as the river). What precedes is not looked at: 老王府 and 找王府 cannot be told apart. A name
// of three or more characters is cut wherever it stands: a place word holding a whole three-character
// name is rare, and such a name points at one person far more surely.
const PLACE_AFTER_NAME = [
  '小区|社区|新村|新城|家园|花园|公寓|大厦|广场|大道|大街|胡同|公园|医院|卫生院|大学|学院|中学|小学|幼儿园',
  '车站|地铁站|机场|码头|酒店|宾馆|饭店|商场|超市|工业园|开发区|井|巷|弄|苑|庄|屯|寨|堡|港',
  '(?:湖|河|江|山|岭|峰|沟|塘|洲|湾|桥)(?![上下边里旁头前后中])',
  '(?:路|街|村|镇|乡|县|市|区|省|城|厂)(?![长上下边里旁]|主任|书记|干部|委员|民|过|坊|亲|管)',
].join('|');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A name is written with spaces between its characters (刘 建国, 刘　建国), and a name of parts with
// any of the dots people type for its ·, or a space, or nothing (阿卜杜•热合曼, 阿卜杜・热合曼,
// 阿卜杜 热合曼, 阿卜杜热合曼, 阿卜杜.热合曼). A two-character name takes spaces only: 刘. 建 across two
// sentences is likelier than a dot in 刘建.
const NAME_SPACE = '[ \\t\\u00a0\\u3000]';
const NAME_DOT = '·•・･‧⋅∙.．';
const NAME_GAP_CHARS = new RegExp(`[${NAME_DOT}\\s\\u3000]`, 'g');

function cutName(text: string, name: string): string {
  const chars = [...name.replace(NAME_GAP_CHARS, '')];
  // a one-character "name" would cut every occurrence of that character
  if (chars.length < 2) return text;
  const masked = `${chars[0]}某`;
  const gap = chars.length === 2 ? `${NAME_SPACE}{0,2}` : `[${NAME_DOT} \\t\\u00a0\\u3000]{0,3}`;
  const body = chars.map(escapeRegExp).join(gap);
  const place = chars.length === 2 ? `(?!${PLACE_AFTER_NAME})` : '';
  return text.replace(new RegExp(body + place, 'g'), masked);
}

const digitCount = (s: string) => (halfWidth(s).match(/\d/g) ?? []).length;
const digitsOf = (s: string) => halfWidth(s).replace(/[^0-9Xx]/g, '');
// 18 grouped digits are taken as an ID number before the phones only with a birth date where it
// belongs: 138 1234 8000 / 139 1234 5678 holds 18 digits too, and taking them as one number would
// leave 5678 behind. Phones go next, then any 18 digits left (an ID number with a mistyped date).
const asIdNumber = (m: string) => (/^\d{6}(?:18|19|20)\d{2}[01]\d[0-3]\d/.test(digitsOf(m)) ? REDACTED : m);
// an old 15-digit number is taken with a birth date (yymmdd) where it belongs: 15 grouped digits
// without one are more likely a list of figures
const asOldIdNumber = (m: string) =>
  /^\d{8}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/.test(digitsOf(m)) ? REDACTED : m;
// four-digit groups that are all years (2021 2022 2023) are a list of years, not a card
const asCard = (m: string) =>
  m.split(/[^0-9０-９]+/).every((g) => /^(?:19|20)\d\d$/.test(halfWidth(g))) ? m : REDACTED;

/**
 * Text fit to be shown to the public (the 问政 board). Taken out whole, wherever they stand and
 * however they are typed (full-width digits, runs of spaces, hyphens, dots, slashes or line breaks
 * between the digits, also commas, 、, _ and brackets between a phone's or ID number's groups, next
 * to Chinese characters): ID numbers (the old 15-digit ones too), mobile and landline numbers (and a
 * local number or a phone's 尾号 / 后四位 where the text says it is one), bank card and other long
 * numbers, e-mail addresses, WeChat and QQ accounts after the word that names them, car plates, a
 * flat's door number (not a year, count or amount after the building: 5号楼2008年建成), a village
 * household's door number (3组15号), and the
 * petitioner's phone (a landline's local part alone too) and ID number as the case records them. The
 * petitioner's own name, written with spaces or any dot, is cut to 某 after the surname (刘建国,
 * 刘 建国 → 刘某), except where a two-character name begins a place word (江南小区).
 * Other people's names, street door numbers and the like cannot be found reliably: the dispatcher reads
 * the copy before it is published. Applying it twice changes nothing more.
 */
export function redactPersonalData(text: string, known: KnownPerson = {}): string {
  let out = text
    .replace(EMAIL_IN_TEXT, REDACTED)
    .replace(IM_ACCOUNT, (_m, word: string) => word + REDACTED)
    .replace(ID_IN_TEXT, asIdNumber)
    .replace(CARD_IN_TEXT, asCard)
    .replace(MOBILE_IN_TEXT, REDACTED)
    .replace(ID_IN_TEXT, REDACTED)
    .replace(LANDLINE_IN_TEXT, REDACTED)
    .replace(OLD_ID_IN_TEXT, asOldIdNumber)
    .replace(LONG_NUMBER, REDACTED)
    .replace(MASKED_NUMBER, REDACTED)
    .replace(SAID_PHONE, (_m, word: string) => word + REDACTED)
    .replace(TAIL_DIGITS, (_m, word: string) => word + REDACTED);
  const phone = normalizePhone(known.phone);
  for (const digits of [phone, localPart(phone), normalizeIdNumber(known.idNumber)]) {
    const re = knownNumber(digits);
    if (re) out = out.replace(re, REDACTED);
  }
  out = out
    .replace(PLATE_IN_TEXT, (m) => (digitCount(m) >= 3 ? REDACTED : m))
    .replace(DOOR_IN_TEXT, (_m, word: string | undefined) => (word ?? '') + REDACTED)
    .replace(RURAL_DOOR, (_m, word: string) => word + REDACTED);
  const name = known.name?.trim();
  if (name) out = cutName(out, name);
  return out;
}
