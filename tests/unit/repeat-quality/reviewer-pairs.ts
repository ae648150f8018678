// A reviewer's labelled set (140 pairs: 79 repeats, 61 hard non-repeats), as pure pairs. The same
// set was first run through the API; here each pair is scored directly. Half of it (the matters in
// the tune half: 71 pairs) was used to calibrate the scorer, the other half (69) was held out; a
// matter's pairs all fall in one half, so a retelling seen in tuning is never judged as held out.
import { FOLLOWUP, M, type Matter, TRAD, typoed } from './reviewer-matters';
import type { LabelledPair, Side, Who } from './types';

const by = (k: string) => M.find((m) => m.key === k) as Matter;
const side = (t: [string, string], cat: string | null, more: Partial<Side> = {}): Side => ({
  t,
  cat,
  ...more,
});
const pairs: LabelledPair[] = [];
const add = (group: string, repeat: boolean, key: string, a: Side, b: Side, who?: Who) =>
  pairs.push({ group, repeat, key, a, b, ...(who ? { who } : {}) });

// ---- repeats ----
for (const m of M) add('R retold, same phone', true, m.key, side(m.a, m.cat), side(m.r, m.cat));
for (const [k, t] of Object.entries(TRAD))
  add('R 繁体 retelling', true, k, side(by(k).a, by(k).cat), side(t, by(k).cat));
for (const m of M.slice(0, 8))
  add('R 全角 + typos', true, m.key, side(m.a, m.cat), side([typoed(m.r[0]), typoed(m.r[1])], m.cat));
for (const m of M.slice(8, 16))
  add('R new phone, same ID', true, m.key, side(m.a, m.cat), side(m.r, m.cat), 'id-new-phone');
for (const m of M.slice(16, 21))
  add('R ID then phone only', true, m.key, side(m.a, m.cat), side(m.r, m.cat), 'id-then-phone');
for (const m of M.slice(21, 24))
  add('R phone only then ID', true, m.key, side(m.a, m.cat), side(m.r, m.cat), 'phone-then-id');
for (const m of M.slice(0, 3))
  add('R 手机 vs 座机, no ID', true, m.key, side(m.a, m.cat), side(m.r, m.cat), 'landline-no-id');
for (const m of M.slice(3, 6))
  add('R 手机 vs 座机, same ID', true, m.key, side(m.a, m.cat), side(m.r, m.cat), 'id-new-phone');
for (const m of M.filter((x) => x.addr))
  add(
    'R address written differently',
    true,
    m.key,
    side(m.a, m.cat, { address: m.addr?.[0] }),
    side(m.r, m.cat, { address: m.addr?.[1] }),
  );
const RECAT: Record<string, string> = {
  bbq: '生态环境',
  pig: '农村农业',
  illegal: '城市管理',
  gas: '市场监管',
  sand: '生态环境',
  trash: '生态环境',
};
for (const [k, cat] of Object.entries(RECAT))
  add('R classified differently', true, k, side(by(k).a, by(k).cat), side(by(k).r, cat));
for (const [k, t] of Object.entries(FOLLOWUP))
  add('R short follow-up (催办)', true, k, side(by(k).a, by(k).cat), side(t, by(k).cat));
for (const m of M.slice(10, 14)) add('R phone then portal', true, m.key, side(m.a, m.cat), side(m.r, null));

// ---- hard non-repeats ----
const SAMECAT: [string, string][] = [
  ['roof', 'lift'],
  ['roof', 'gas'],
  ['lift', 'gas'],
  ['illegal', 'relocate'],
  ['roof', 'relocate'],
  ['bbq', 'stall'],
  ['bbq', 'trash'],
  ['lamp', 'stall'],
  ['lamp', 'trash'],
  ['wage', 'pension'],
  ['wage', 'injury'],
  ['pension', 'dibao'],
  ['injury', 'dibao'],
  ['pig', 'fumes'],
  ['rent', 'subsidy'],
  ['rent', 'canal'],
  ['subsidy', 'canal'],
  ['school', 'tutor'],
  ['homestead', 'sand'],
  ['gym', 'food'],
];
for (const [i, [x, y]] of SAMECAT.entries())
  add(
    'N same person, other matter, same category',
    false,
    x,
    side(by(x).a, by(x).cat),
    side(i % 2 ? by(y).r : by(y).a, by(y).cat),
  );
const DIFFCAT: [string, string][] = [
  ['bbq', 'school'],
  ['wage', 'roof'],
  ['pig', 'subsidy'],
  ['lamp', 'clinic'],
  ['gym', 'pension'],
  ['homestead', 'rent'],
  ['lift', 'tutor'],
  ['fumes', 'food'],
  ['dibao', 'canal'],
  ['relocate', 'injury'],
];
for (const [x, y] of DIFFCAT)
  add(
    'N same person, other matter, other category',
    false,
    x,
    side(by(x).a, by(x).cat),
    side(by(y).a, by(y).cat),
  );
for (const m of M.filter((x) => x.place))
  add(
    'N same person, same kind of matter, other place',
    false,
    m.key,
    side(m.a, m.cat),
    side(m.place as [string, string], m.cat),
  );
for (const [i, k] of [
  'pig',
  'lamp',
  'canal',
  'rent',
  'sand',
  'subsidy',
  'homestead',
  'relocate',
  'gas',
  'trash',
].entries())
  add(
    'N collective: same matter, other villager',
    false,
    k,
    side(by(k).a, by(k).cat),
    side(i % 2 ? by(k).a : by(k).r, by(k).cat),
    'other',
  );
for (const k of ['bbq', 'roof', 'illegal', 'lift', 'stall'])
  add('N neighbour, same surname', false, k, side(by(k).a, by(k).cat), side(by(k).r, by(k).cat), 'other');
for (const k of ['bbq', 'wage', 'roof', 'lamp'])
  add(
    'N closed beyond the 180-day window',
    false,
    k,
    side(by(k).a, by(k).cat, { daysAgo: 300, closedDaysAgo: 220 }),
    side(by(k).r, by(k).cat),
  );

export const REVIEWER_PAIRS = pairs;
// the split, by matter, balanced by count (41 repeats + 30 non-repeats against 38 + 31)
const TUNE = new Set([
  'bbq',
  'lamp',
  'illegal',
  'lift',
  'homestead',
  'trash',
  'fumes',
  'stall',
  'sand',
  'pension',
  'clinic',
  'food',
  'tutor',
]);
/** the half used to calibrate the scorer */
export const REVIEWER_TUNE = pairs.filter((p) => TUNE.has(p.key ?? ''));
/** the half held out */
export const REVIEWER_HELD = pairs.filter((p) => !TUNE.has(p.key ?? ''));
