// The 类型 picker of the console's statistics pages: 全部 and the kinds the county has had; every
// kind while that is not known; the kind in the URL kept even if the county never had one.
import { describe, expect, it } from 'vitest';
import { CASE_KIND_LABEL, kindChoices } from '../../web/src/pages/stats-period';

describe('kindChoices', () => {
  it('offers the kinds the county has had, in the fixed order, with their Chinese names', () => {
    expect(kindChoices(['hotline', 'petition'], '')).toEqual(['petition', 'hotline']);
    expect(kindChoices(['petition'], '').map((k) => CASE_KIND_LABEL[k])).toEqual(['信访事项']);
  });
  it('offers every kind while the kinds are not known', () => {
    expect(kindChoices(undefined, '')).toEqual(['petition', 'inquiry', 'hotline']);
    expect(Object.values(CASE_KIND_LABEL)).toEqual(['信访事项', '网上问政', '12345工单']);
  });
  it('keeps the kind picked (from a shared link) even where the county has none of it', () => {
    expect(kindChoices(['petition'], 'hotline')).toEqual(['petition', 'hotline']);
  });
});
