// Contributions of cases of different kinds (信访事项 / 网上问政 / 12345工单) never meet: a diff or a
// sum keeps them in rows of their own kind, as stats_daily stores them.
import { describe, expect, it } from 'vitest';
import {
  type Contribution,
  diffContributions,
  sumContributions,
  withKind,
} from '../../workers/domain/stats/contributions';

const c = (counter: Contribution['counter'], n = 1): Contribution => ({
  day: '2026-03-02',
  unitId: 'u1',
  counter,
  n,
});

describe('the kind in contributions', () => {
  it('a petition and a 12345 order on the same unit and day are two rows', () => {
    const rows = sumContributions([
      ...withKind([c('received'), c('closed')], 'petition'),
      ...withKind([c('received')], 'hotline'),
    ]);
    expect(rows).toEqual([
      { unitId: 'u1', day: '2026-03-02', kind: 'petition', received: 1, closed: 1 },
      { unitId: 'u1', day: '2026-03-02', kind: 'hotline', received: 1 },
    ]);
  });

  it('a diff does not let one kind cancel another', () => {
    const diff = diffContributions(
      withKind([c('received')], 'petition'),
      withKind([c('received')], 'inquiry'),
    );
    expect(diff).toEqual([
      { ...c('received', -1), kind: 'petition' },
      { ...c('received'), kind: 'inquiry' },
    ]);
    expect(diffContributions(withKind([c('rated')], 'hotline'), withKind([c('rated')], 'hotline'))).toEqual(
      [],
    );
  });
});
