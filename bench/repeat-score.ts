// Repeat detection's cost: one comparison of a new case with one of the same person's earlier cases
// (workers/domain/similarity.ts scoreRepeat: words, place, category, time), over the labelled pairs
// of the quality tests, median of several runs. An intake compares a person's earlier cases in the
// window, at most 500: this is what that costs per case.
// Run: npx tsx bench/repeat-score.ts [--runs 9] [--rounds 20]
import { cpus } from 'node:os';
import { OWN_PAIRS } from '../tests/unit/repeat-quality/own-pairs';
import { matterText, scoreRepeat } from '../workers/domain/similarity';
import { median } from './load';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 9);
const ROUNDS = arg('rounds', 20);

const [first] = OWN_PAIRS;
const later = { identityHash: 'h', phone: '13800000001', title: first!.b.t[0], content: first!.b.t[1] };
const newText = matterText(later);
const earlier = OWN_PAIRS.map((p) => ({
  identityHash: 'h',
  phone: '13800000001',
  title: p.a.t[0],
  content: p.a.t[1],
}));

const perComparison: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++)
    for (const e of earlier) scoreRepeat(later, e, { windowDays: 180, now: 0, newText });
  perComparison.push(((performance.now() - t0) * 1000) / (ROUNDS * earlier.length));
}
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
      comparisons: ROUNDS * earlier.length,
      runs: RUNS,
      medianMicroseconds: Math.round(median(perComparison) * 10) / 10,
      bestMicroseconds: Math.round(Math.min(...perComparison) * 10) / 10,
      per500EarlierCasesMs: Math.round(median(perComparison) * 500) / 1000,
    },
    null,
    2,
  ),
);
