// Scores labelled pairs with the pure repeat scorer, as intake would compare a new case (b) with an
// earlier one (a) of the same person, and counts precision and recall.
import { identityKey, type RepeatCase, scoreRepeat } from '../../../workers/domain/similarity';
import type { LabelledPair, Side } from './types';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T09:00:00+08:00');
const SECRET = 'repeat-quality-test-key';
const WINDOW_DAYS = 180;

function idNumber(n: number): string {
  const body = `330106${19600101 + (n % 28)}${String(100 + (n % 900)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = [...body].reduce((acc, d, i) => acc + Number(d) * (w[i] as number), 0);
  return body + '10X98765432'[s % 11];
}
const mobile = (n: number) => `137${String(10_000_000 + n).slice(-8)}`;

/** Who filed a and who filed b, by pair number n (each pair its own people). */
function people(p: LabelledPair, n: number) {
  const phone = mobile(2 * n);
  const id = idNumber(2 * n);
  switch (p.who ?? 'phone') {
    case 'phone':
      return [{ phone }, { phone }];
    case 'id-new-phone':
      return [
        { phone, idNumber: id },
        { phone: mobile(2 * n + 1), idNumber: id.toLowerCase() },
      ];
    case 'id-then-phone':
      return [{ phone, idNumber: id }, { phone }];
    case 'phone-then-id':
      return [{ phone }, { phone, idNumber: id }];
    case 'landline-no-id':
      return [{ phone }, { phone: `0571-8${String(1_000_000 + n).slice(-7)}` }];
    case 'other':
      return [{ phone }, { phone: mobile(2 * n + 1) }];
    case 'family':
      return [
        { phone, idNumber: id },
        { phone, idNumber: idNumber(2 * n + 1) },
      ];
  }
}

async function facts(s: Side, person: { phone?: string; idNumber?: string }): Promise<RepeatCase> {
  return {
    identityHash: await identityKey(SECRET, person),
    idNumber: person.idNumber ?? null,
    phone: person.phone ?? null,
    name: s.name ?? null,
    categoryId: s.cat,
    title: s.t[0],
    content: s.t[1],
    address: s.address ?? null,
    townshipUnitId: s.township ?? null,
    closedAt: s.closedDaysAgo == null ? null : NOW - s.closedDaysAgo * DAY,
  } as RepeatCase;
}

export interface Scored {
  pair: LabelledPair;
  score: number;
  predicted: boolean;
  reasons: string[];
}

export async function scorePairs(pairs: LabelledPair[]): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const [n, pair] of pairs.entries()) {
    const [pa, pb] = people(pair, n);
    const earlier = await facts(pair.a, pa as never);
    const later = await facts(pair.b, pb as never);
    const s = scoreRepeat(later, earlier, { windowDays: WINDOW_DAYS, now: NOW });
    out.push({ pair, score: s.score, predicted: s.isCandidate, reasons: s.reasons });
  }
  return out;
}

export function quality(rows: Scored[]) {
  const tp = rows.filter((r) => r.pair.repeat && r.predicted).length;
  const fn = rows.filter((r) => r.pair.repeat && !r.predicted).length;
  const fp = rows.filter((r) => !r.pair.repeat && r.predicted).length;
  return { tp, fn, fp, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp / (tp + fn) };
}
