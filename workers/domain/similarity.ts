// Repeat detection (同人同事): the same person, by the ID number (compared as a keyed hash) or the
// phone, with the same matter, by the words two texts share, the place they are about and the
// content category, while the earlier case is open or within the tenant's window after it closed.
// The system only suggests, with its reasons; a dispatcher confirms.
import { normalizeIdNumber, normalizePhone } from './masking';
import { simplifiedChar } from './traditional';

const DAY_MS = 86_400_000;

// Chinese numerals before a house, building, floor or room word (十二号, 五栋, 六零一室) read as
// digits, so '幸福路十二号' and '幸福路12号' name the same door.
const CN_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_NUMBER = /([零〇一二两三四五六七八九十百]+)(?=号|栋|幢|楼|单元|室|组)/g;

function cnNumber(s: string): string {
  if (!/[十百]/.test(s)) return [...s].map((c) => CN_DIGIT[c] ?? '').join('');
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (c === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = CN_DIGIT[c] ?? 0;
  }
  return String(total + digit);
}

/** NFKC (full-width to ASCII), lowercase, traditional characters to simplified, numerals of doors. */
function fold(text: string): string {
  let out = '';
  for (const c of text.normalize('NFKC').toLowerCase()) out += simplifiedChar(c);
  return out.replace(CN_NUMBER, (m) => cnNumber(m));
}

/**
 * Text as compared: full-width forms folded to ASCII (NFKC), lowercase, traditional characters
 * folded to simplified, numerals of doors and floors to digits, and nothing but letters and digits,
 * so '噪音扰民！！', '噪音 扰民' and '噪音擾民' compare equal.
 */
export function normalizeText(text: string | null | undefined): string {
  if (!text) return '';
  return fold(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Character bigrams with their counts. Chinese has no spaces to split words on, and adjacent
 * character pairs catch most two-character words (噪音, 扰民, 拖欠, 工资) without a dictionary.
 */
export function bigrams(text: string): Map<string, number> {
  const chars = Array.from(normalizeText(text));
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient of two bigram multisets: 0 (nothing shared) … 1 (same text). */
export function dice(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const n of a.values()) sizeA += n;
  for (const [g, n] of b) {
    sizeB += n;
    const m = a.get(g);
    if (m) shared += Math.min(m, n);
  }
  if (sizeA + sizeB === 0) return 0;
  return (2 * shared) / (sizeA + sizeB);
}

export function textSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  return dice(bigrams(a ?? ''), bigrams(b ?? ''));
}

// ---- the words two texts share ----

// Every complaint says these: asking (请求, 希望, 尽快), the bodies asked (部门, 城管, 住建), time
// (每天, 至今, 现在), people (我们, 老人, 孩子). Shared, they say nothing about the matter; nor does a
// pair with a function character in it (的, 了, 请, 我 …: '请城', '的垃').
const STOCK_WORDS =
  '反映 请求 要求 希望 尽快 抓紧 处理 解决 问题 事情 部门 有关 相关 政府 领导 帮助 帮忙 协调 督促 查处 调查 ' +
  '核查 检查 查一 一下 一直 至今 现在 目前 已经 多次 还是 没有 不能 无法 影响 严重 情况 自己 一个 什么 ' +
  '时候 每天 每月 今年 去年 上次 之前 再次 还没 到现 没人 人管 管一 一管 说是 说在 城管 住建 环保 监管 ' +
  '执法 民政 人社  落实 给个 说法 答复 回复 投诉 举报 群众 居民 村民 ' +
  '老人 孩子 家里 我家 我们 物业 小区 号楼 附近 周边 旁边 晚上 早上 白天 半夜 多月 个月 几天 好几 很多 ' +
  '非常 特别 实在 安全 隐患 危险 正常 生活 休息 不管 不理 推诿 无果 未果 联系 电话 打电 一次 几次 三个 两个 ' +
  // the bodies asked: 自然资源局, 市场监管局, 卫健委 …
  '自然 然资 资源 场监 卫健 水利 交警 公安 消防 农业 教育 ' +
  // across two words: 再次反映, 小区楼下
  '次反 区楼';
const STOCK = new Set(STOCK_WORDS.split(' '));
const FUNCTION_CHARS = new Set([...'的了请我你他她们在是和与及也都就被把给着吗呢吧啊这那个之其']);

function isContent(g: string): boolean {
  // 局 is the body asked (住建局, 请环保局查处): '局查', '建局' say nothing of the matter
  if (g.length < 2 || STOCK.has(g) || g.includes('局')) return false;
  for (const c of g) if (FUNCTION_CHARS.has(c)) return false;
  return true;
}

// ---- the place a text is about ----

// A place is a name before one of these: a village, road, estate; or the business or institution
// complained of (宏达建筑公司, 百佳超市). Longer suffixes first. Broad ones (a town) only tell two
// places apart when nothing finer is named. An estate is often named by four characters with no 小区
// (锦绣花园, 阳光新城, 御景府), a village or its group by a word of the land (石门垭, 柳树湾, 黄家垭组).
const FINE_GEO =
  '小区|花园|家园|新城|华庭|新村|公寓|大厦|社区|苑|府|村|庄|屯|寨|湾|沟|坪|坝|垭|组|大道|路|街|巷|胡同|广场|公园';
const ENTITY =
  '公司|集团|超市|商场|市场|饭店|酒店|宾馆|餐馆|饭馆|大药房|药房|药店|诊所|医院|卫生院|学校|中学|小学|幼儿园|驾校|网吧|健身房|健身|理发店|店|工厂|厂|工地';
const BROAD = '街道|镇|乡';
// Words of the land that name a village only after a surname and 家 (刘家渡, 陈家河, 赵家岭): alone
// they are the ferry, river or ridge of the matter.
const SURNAME_ONLY = '渡|河|岭|岗|坡|嘴|桥|院|营|堡|塘|冲|坳|铺';
const PLACE_RE = new RegExp(`(${BROAD.split('|')[0]}|${FINE_GEO}|${ENTITY}|${BROAD}|${SURNAME_ONLY})`, 'g');
const GEO_SET = new Set(FINE_GEO.split('|'));
const BROAD_SET = new Set(BROAD.split('|'));
const SURNAME_ONLY_SET = new Set(SURNAME_ONLY.split('|'));
// …unless the suffix is the first character of another word: 路灯, 村民, 厂房, 市场监管, 镇上, 沟通.
const NOT_A_PLACE: Record<string, string> = {
  路: '灯面段况线过费人途程基牌障',
  村: '民里委干子口头道级集务组医',
  街: '上头边坊面',
  店: '面铺员主家里',
  厂: '房里长家区方',
  市场: '监价化',
  镇: '上里政长干级',
  乡: '里下亲镇村',
  庄: '稼',
  沟: '通',
  垭: '口',
  组: '织长成建团合装员件委队',
  新城: '区',
};
// …or the last character of one: 政府, 道路, 水沟, 阳沟, 草坪, 院坝, 河坝, 台湾, 工作组, 专案组.
const WORD_ENDING: Record<string, string> = {
  府: '政官首知',
  路: '道马公铁',
  沟: '水山阴阳暗明田边泥地河代鸿',
  坪: '草地机晒',
  坝: '河堤大水拦土院晒坝',
  湾: '河海港台',
  垭: '山',
  组: '小作案查导视估目题调扶合班编分机重改',
};
// Surnames before 家 that make a village's name (王家庄, 马家湾); 大家, 人家, 国家, 专家, 回家 and
// 农家乐 stand before no place.
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤柳岳聂易伍代',
]);
// Characters a name does not run across (the name before the suffix ends there).
const NAME_BREAK = new Set([
  ...'的了在到往与及跟我你他她们这那个是有从对给把被向为就都也还住去来过说让要之其该本各每近临离沿朝买卖租找做办省市县镇乡0123456789',
]);
// Words that stand before a suffix without naming anything: 十字路口, 附近小区, 私人诊所, 农贸市场,
// 拖了半年工地, 八点左右新城幼儿园.
const GENERIC_NAMES = new Set(
  '十字 本地 当地 附近 周边 隔壁 对面 这家 那家 一家 小型 大型 老旧 公共 农村 城市 县城 城区 村里 邻村 本村 全村 整个 外面 老家 我家 她家 他家 半年 一年 两年 几年 多年 今年 去年 左右 前后'.split(
    ' ',
  ),
);
// Words of a trade that stand between a business's name and its suffix (宏达建筑公司, 恒丰化工厂).
const TRADES = new Set(
  '建筑 化工 纺织 机械 物流 快递 装修 装饰 餐饮 服装 科技 实业 贸易 地产 置业 物业 建设 电子 食品 农业 商贸 汽修 家具 建材 医药 印刷 塑料 钢铁 水泥'.split(
    ' ',
  ),
);
const GENERIC_BUSINESSES = new Set(
  '农贸 私人 个体 建筑 物流 快递 燃气 供电 自来 来水 人民 中医 大药 机械 化工 纺织 开发 物业 烧烤 小吃 早餐 水果 理发 服装 五金'.split(
    ' ',
  ),
);
// A village named by one character and its suffix (王庄, 李屯) is looked for with the suffix.
const SHORT_VILLAGE = new Set([...'庄屯寨']);
/** the door, building or village group given after a place: 幸福路12号, 李家沟3组 */
const DOOR = /^(\d+)(号|栋|幢|组)/;

interface Place {
  /** as written, its name up to the suffix: 经过柏树村, 恒丰化工厂 */
  name: string;
  /** as shown to the dispatcher: 柏树村, 恒丰化工厂, 王庄 */
  label: string;
  /** what is looked for in the other text: 石桥, 幸福 (and 王庄 for 下游王庄) */
  keys: string[];
  broad: boolean;
  /** the door or building given with it: 幸福路12号 → 12号 */
  numbers: string[];
  /** the character after it (and its number), for the pair across its end: 阳光新城物业 → 城物 */
  next: string;
}

const nextChar = (s: string, at: number, suffix: string, numbers: string[]) =>
  s[at + suffix.length + (numbers[0]?.length ?? 0)] ?? '';

function placesIn(text: string): Place[] {
  const s = fold(text);
  const found: Place[] = [];
  for (const m of s.matchAll(PLACE_RE)) {
    const suffix = m[0];
    const at = m.index;
    const next = s[at + suffix.length] ?? '';
    if (NOT_A_PLACE[suffix]?.includes(next) || WORD_ENDING[suffix]?.includes(s[at - 1] ?? '')) continue;
    // 王家庄, 马家湾: the surname, 家 and the word of the land, all three looked for
    if (s[at - 1] === '家') {
      const surname = s[at - 2] ?? '';
      if (!SURNAMES.has(surname) || BROAD_SET.has(suffix)) continue;
      const name = surname + '家' + suffix;
      const door = DOOR.exec(s.slice(at + suffix.length));
      const numbers = door ? [door[0]] : [];
      found.push({
        name,
        label: name,
        keys: [name],
        broad: false,
        numbers,
        next: nextChar(s, at, suffix, numbers),
      });
      continue;
    }
    if (SURNAME_ONLY_SET.has(suffix)) continue;
    const geo = GEO_SET.has(suffix);
    const broad = BROAD_SET.has(suffix);
    // the name before the suffix: up to 3 characters of a village or road, 4 of a business
    let from = at;
    while (from > 0 && at - from < (geo || broad ? 3 : 4)) {
      const c = s[from - 1]!;
      if (NAME_BREAK.has(c) || !/\p{Script=Han}/u.test(c)) break;
      // a business's name stops at the road or village it is on (建设路百佳超市)
      if (!geo && !broad && /[路街村苑巷区]/.test(c)) break;
      from--;
    }
    // 和 and 同 begin names (和平, 同心) as often as they join two (人民路和文化路)
    if (at - from === 3 && '和同'.includes(s[from]!)) from++;
    const name = s.slice(from, at);
    if (name.length < 2) continue;
    // The name's own end, next to the suffix (经过柏树村 → 柏树, 靠近实验小学 → 实验), or before a word
    // of the trade (宏达建筑公司 → 宏达).
    let keyAt = name.length - 2;
    if (!geo && !broad && name.length >= 4 && TRADES.has(name.slice(-2))) keyAt -= 2;
    // …or the surname with it: 李家沟村 → 李家沟, not 家沟 (which 张家沟 shares)
    let keyLength = 2;
    if (name[keyAt] === '家' && SURNAMES.has(name[keyAt - 1] ?? '')) {
      keyAt--;
      keyLength = 3;
    }
    const key = name.slice(keyAt, keyAt + keyLength);
    if (GENERIC_NAMES.has(key) || (!geo && !broad && GENERIC_BUSINESSES.has(key))) continue;
    const short = SHORT_VILLAGE.has(suffix);
    const keys = short ? [key, name.slice(-1) + suffix] : [key];
    const label = name.slice(keyAt) + suffix;
    const door = geo ? DOOR.exec(s.slice(at + suffix.length)) : null;
    found.push({
      name: s.slice(from, at + suffix.length),
      label,
      keys,
      broad,
      numbers: door ? [door[0]] : [],
      next: nextChar(s, at, suffix, door ? [door[0]] : []),
    });
  }
  return found;
}

/** What is compared of a case's matter, worked out once per case. */
export interface MatterText {
  /** title, text and address as compared (normalizeText), where places are looked for */
  text: string;
  /** the title's and text's phrases (between punctuation), folded, for the words shown */
  phrases: string[];
  /** content bigrams of the phrases, stock words and place names left out */
  grams: Map<string, number>;
  size: number;
  places: Place[];
}

export function matterText(c: {
  title?: string | null;
  content: string;
  address?: string | null;
}): MatterText {
  const body = `${c.title ?? ''}。${c.content}`;
  // no bigram across a full stop: '排气。开发区' has no word '气开'
  const phrases = fold(body)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((x) => x.length > 1);
  const grams = new Map<string, number>();
  let size = 0;
  for (const phrase of phrases) {
    const chars = Array.from(phrase);
    for (let i = 0; i + 1 < chars.length; i++) {
      const g = chars[i]! + chars[i + 1]!;
      if (!isContent(g)) continue;
      grams.set(g, (grams.get(g) ?? 0) + 1);
      size++;
    }
  }
  const address = c.address ?? '';
  const places = [...placesIn(address), ...placesIn(body)];
  // A place's own name is weighed as the place (comparePlaces), not again as shared words: two
  // matters at one school share its name and nothing else.
  for (const p of places) {
    const name = Array.from(p.name + (p.numbers[0] ?? '') + p.next);
    for (let i = 0; i + 1 < name.length; i++) {
      const n = grams.get(name[i]! + name[i + 1]!);
      if (n) {
        grams.delete(name[i]! + name[i + 1]!);
        size -= n;
      }
    }
  }
  return { text: phrases.join('') + normalizeText(address), phrases, grams, size, places };
}

/**
 * The words the later text shares with the earlier one, as runs of shared bigrams read in the
 * later text (烧烤+烤摊 → 烧烤摊), longest first: what the dispatcher is shown.
 */
function sharedWords(later: MatterText, earlier: MatterText): string[] {
  const words = new Set<string>();
  for (const phrase of later.phrases) {
    const chars = Array.from(phrase);
    let run = '';
    for (let i = 0; i < chars.length; i++) {
      const g = i + 1 < chars.length ? chars[i]! + chars[i + 1]! : '';
      if (g && isContent(g) && earlier.grams.has(g)) run = run ? run + chars[i + 1]! : g;
      else {
        if (run) words.add(run);
        run = '';
      }
    }
  }
  const kept: string[] = [];
  for (const w of [...words].sort((a, b) => b.length - a.length))
    if (!kept.some((k) => k.includes(w))) kept.push(w);
  return kept;
}

/** How much of the matter the two texts share: 0 … 1, and the words. */
export function compareText(
  later: MatterText,
  earlier: MatterText,
): { strength: number; shared: number; words: string[] } {
  let shared = 0;
  for (const [g, n] of later.grams) {
    const m = earlier.grams.get(g);
    if (m) shared += Math.min(m, n);
  }
  // A retold matter shares its proper words (幸福路, 烧烤摊, 宏达公司), five to a dozen bigrams in
  // texts of 40–60, where two matters of one person share none to three; a longer text shares more
  // by chance, so the bar rises with the shorter text's length.
  const bar = TEXT_BAR_BASE + TEXT_BAR_PER_GRAM * Math.min(later.size, earlier.size);
  return { strength: Math.min(1, shared / bar), shared, words: shared ? sharedWords(later, earlier) : [] };
}
const TEXT_BAR_BASE = 4;
const TEXT_BAR_PER_GRAM = 0.08;

const named = (p: Place, text: string) => p.keys.some((k) => text.includes(k));
/** The place as both texts name it: 李家庄 (李家 found), 王庄 (found as such in 下游王庄). */
const sameLabel = (p: Place, text: string) => {
  const key = p.keys.find((k) => text.includes(k))!;
  if (key !== p.keys[0]) return key;
  // as much of the name as both give: 江南府小区, not 南府小区
  const name = p.name.slice(0, p.name.length - p.label.length + key.length);
  return text.includes(name) && p.label.endsWith(p.name.slice(name.length)) ? p.name : p.label;
};

/**
 * Whether two cases are about one place: the same if a place named in one is named in the other
 * (the two characters of its name, so 东风村二组 and 东风二组 agree) with no other door number;
 * different if both name places and none agrees, or they were filed under different townships.
 */
export function comparePlaces(
  later: MatterText & { township?: string | null },
  earlier: MatterText & { township?: string | null },
): { same: string; door?: boolean } | { different: [string, string] } | null {
  const fineL = later.places.filter((p) => !p.broad);
  const fineE = earlier.places.filter((p) => !p.broad);
  for (const p of fineL) {
    if (!named(p, earlier.text)) continue;
    // the one with its door if it is named twice (李家沟, 李家沟村3组)
    const q =
      fineE.find((x) => x.keys[0] === p.keys[0] && x.numbers.length) ??
      fineE.find((x) => x.keys[0] === p.keys[0]);
    if (q && p.numbers.length && q.numbers.length) {
      const door = p.numbers.find((n) => q.numbers.some((m) => parseInt(m, 10) === parseInt(n, 10)));
      if (!door) return { different: [q.label + q.numbers[0], p.label + p.numbers[0]] };
      return { same: sameLabel(p, earlier.text) + door, door: true };
    }
    return { same: sameLabel(p, earlier.text) };
  }
  for (const q of fineE) if (named(q, later.text)) return { same: sameLabel(q, later.text) };
  if (fineL.length && fineE.length) return { different: [fineE[0]!.label, fineL[0]!.label] };
  if (later.township && earlier.township && later.township !== earlier.township)
    return { different: ['', ''] };
  const broadL = later.places.filter((p) => p.broad);
  const broadE = earlier.places.filter((p) => p.broad);
  if (broadL.length && broadE.length && !broadL.some((p) => named(p, earlier.text)))
    return { different: [broadE[0]!.label, broadL[0]!.label] };
  return null;
}

// ---- the person ----

function toHex(buf: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(buf)) out += byte.toString(16).padStart(2, '0');
  return out;
}

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    // A failed import must not be remembered as the key for good.
    key.catch(() => keys.delete(secret));
    keys.set(secret, key);
  }
  return key;
}

/** Which identity identityKey uses: the ID number when there is one, else the phone. */
export function identitySource(person: {
  idNumber?: string | null;
  phone?: string | null;
}): 'idNumber' | 'phone' | null {
  if (normalizeIdNumber(person.idNumber) !== '') return 'idNumber';
  if (normalizePhone(person.phone) !== '') return 'phone';
  return null;
}

/**
 * The stored identity of a case (cases.identityHash): hex HMAC-SHA256 of the normalized ID number,
 * else of the normalized phone, else null. Keyed so that a leaked table cannot be reversed by
 * hashing every phone number. A person who gave an ID number once and only a phone the next time
 * has two keys; samePerson also compares the phones, which cases keep as they are.
 */
export async function identityKey(
  secret: string,
  person: { idNumber?: string | null; phone?: string | null },
  /** hex HMAC-SHA256(secret, text); a runtime may hand in a faster one than WebCrypto's */
  hmac: (secret: string, text: string) => Promise<string> = subtleHmac,
): Promise<string | null> {
  const source = identitySource(person);
  if (!source) return null;
  const value = source === 'idNumber' ? normalizeIdNumber(person.idNumber) : normalizePhone(person.phone);
  return hmac(secret, value);
}

async function subtleHmac(secret: string, text: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(text)));
}

export interface RepeatCase {
  identityHash: string | null;
  /** whether there is one (its keyed hash is identityHash); the value is never compared */
  idNumber?: string | null;
  phone?: string | null;
  categoryId?: string | null;
  townshipUnitId?: string | null;
  address?: string | null;
  title?: string | null;
  content: string;
  /** null while the earlier case is still open */
  closedAt?: number | null;
}

/**
 * Whether two cases are of one person, and by what: the same ID number (their identity hashes,
 * when both gave one: two different ID numbers are two people, even on one family phone), else
 * the same phone (one gave an ID number and the other only the phone, or neither gave one).
 */
export function samePerson(a: RepeatCase, b: RepeatCase): 'idNumber' | 'phone' | null {
  const idA = normalizeIdNumber(a.idNumber) !== '';
  const idB = normalizeIdNumber(b.idNumber) !== '';
  if (idA && idB) return a.identityHash != null && a.identityHash === b.identityHash ? 'idNumber' : null;
  const phone = normalizePhone(a.phone);
  if (phone.length >= 7 && phone === normalizePhone(b.phone)) return 'phone';
  // phones not at hand (an older caller): the hashes, both of a phone here
  if (!idA && !idB && a.identityHash != null && a.identityHash === b.identityHash) return 'phone';
  return null;
}

export interface RepeatScore {
  score: number;
  reasons: string[];
  isCandidate: boolean;
}

// Same person is required and worth 40; the rest says whether it is the same matter. The words the
// texts share are worth up to 50, a shared content category 10 (a bonus: a retold matter is often
// filed under another category, and a portal case under none), a shared place 10. A place that
// differs takes 40: the same person about the same kind of matter elsewhere (the street light of
// another village) is another matter, however alike the words. Calibrated on half of a labelled set
// (tests/unit/repeat-quality.test.ts) and measured on the rest.
const IDENTITY_POINTS = 40;
const CATEGORY_POINTS = 10;
const TEXT_POINTS = 50;
const SAME_PLACE_POINTS = 10;
/** …and 5 more when both give the same door or building number (新华街45号) */
const SAME_DOOR_POINTS = 5;
const OTHER_PLACE_POINTS = -40;
export const REPEAT_THRESHOLD = 70;

/**
 * How likely `newCase` is a repeat of `earlier`. `now` is when the new case came in; the earlier
 * case must be open or closed at most `windowDays` before it. `newText` is matterText(newCase),
 * worked out once when one case is compared with many.
 */
export function scoreRepeat(
  newCase: RepeatCase,
  earlier: RepeatCase,
  opts: { windowDays: number; now: number; newText?: MatterText },
): RepeatScore {
  const person = samePerson(newCase, earlier);
  if (!person) return { score: 0, reasons: [], isCandidate: false };
  if (earlier.closedAt != null && opts.now - earlier.closedAt > opts.windowDays * DAY_MS) {
    return { score: 0, reasons: [`前案办结已超过 ${opts.windowDays} 天`], isCandidate: false };
  }
  const reasons: string[] = [person === 'phone' ? '同一联系电话' : '同一身份证号'];
  let score = IDENTITY_POINTS;
  const later = opts.newText ?? matterText(newCase);
  const before = matterText(earlier);
  const text = compareText(later, before);
  score += TEXT_POINTS * text.strength;
  reasons.push(text.words.length ? `内容共有：${text.words.slice(0, 4).join('、')}` : '内容没有共同的词语');
  if (newCase.categoryId && newCase.categoryId === earlier.categoryId) {
    score += CATEGORY_POINTS;
    reasons.push('同一内容分类');
  } else if (newCase.categoryId && earlier.categoryId) reasons.push('内容分类不同');
  const place = comparePlaces(
    { ...later, township: newCase.townshipUnitId },
    { ...before, township: earlier.townshipUnitId },
  );
  if (place && 'same' in place) {
    score += SAME_PLACE_POINTS + (place.door ? SAME_DOOR_POINTS : 0);
    reasons.push(`同一地点（${place.same}）`);
  } else if (place) {
    score += OTHER_PLACE_POINTS;
    const [was, is] = place.different;
    reasons.push(was && is ? `地点不同（前案：${was}；本件：${is}）` : '地点不同（所属乡镇不同）');
  }
  reasons.push(
    earlier.closedAt == null
      ? '前案仍在办理中'
      : `前案办结于 ${Math.floor((opts.now - earlier.closedAt) / DAY_MS)} 天前`,
  );
  const rounded = Math.max(0, Math.min(100, Math.round(score)));
  return { score: rounded, reasons, isCandidate: rounded >= REPEAT_THRESHOLD };
}
