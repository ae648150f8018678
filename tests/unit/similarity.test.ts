import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bigrams,
  comparePlaces,
  dice,
  identityKey,
  matterText,
  normalizeText,
  type RepeatCase,
  samePerson,
  scoreRepeat,
  textSimilarity,
} from '../../workers/domain/similarity';

const DAY = 86_400_000;
const bj = (day: string, time = '00:00:00') => Date.parse(`${day}T${time}+08:00`);
const SECRET = 'tenant-a-repeat-key';

const BBQ_FIRST =
  '某小区楼下烧烤店每天晚上营业到凌晨两点，油烟和噪音严重扰民，多次反映无果，请求有关部门处理。';
const BBQ_AGAIN = '再次反映：小区楼下的烧烤店夜间噪音扰民、油烟很大，到现在还没有解决，希望尽快处理！';
const WAGES = '我在某建筑工地打工，老板拖欠工资三个月共计两万元，多次讨要未果，请求帮助追讨。';

describe('comparing texts', () => {
  it('ignores full-width forms, punctuation, spaces and case', () => {
    expect(normalizeText('噪音扰民！！ ＡＢＣ１２３')).toBe('噪音扰民abc123');
    expect(textSimilarity('噪音扰民！', '噪音 扰民')).toBe(1);
  });

  it('folds traditional characters to simplified, and the numerals of doors and floors to digits', () => {
    expect(normalizeText('樓下燒烤攤還在吵')).toBe('楼下烧烤摊还在吵');
    expect(normalizeText('幸福路十二號，五棟六零一室')).toBe('幸福路12号5栋601室');
    expect(textSimilarity('石橋村路燈還是不亮', '石桥村路灯还是不亮')).toBe(1);
  });

  it('counts character pairs, so two-character words are compared without a dictionary', () => {
    expect([...bigrams('拖欠工资').keys()]).toEqual(['拖欠', '欠工', '工资']);
    expect(bigrams('水').get('水')).toBe(1);
    expect(bigrams('').size).toBe(0);
  });

  it('scores the Dice coefficient: shared pairs over all pairs', () => {
    // 拖欠 欠工 工资 vs 拖欠 欠薪: one shared of 5
    expect(dice(bigrams('拖欠工资'), bigrams('拖欠薪'))).toBeCloseTo(0.4);
    expect(textSimilarity('', '')).toBe(0);
  });

  it('a retold complaint about the same barbecue stall is far more similar than an unrelated one', () => {
    const same = textSimilarity(BBQ_FIRST, BBQ_AGAIN);
    const other = textSimilarity(BBQ_FIRST, WAGES);
    expect(same).toBeGreaterThan(0.25);
    expect(other).toBeLessThan(0.1);
  });
});

describe('the identity key', () => {
  it('is a keyed SHA-256 of the ID number, the same however the number was typed', async () => {
    const a = await identityKey(SECRET, { idNumber: '11010519900101015x', phone: '13812348000' });
    const b = await identityKey(SECRET, { idNumber: ' 11010519900101015X' });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
  });

  it('falls back to the phone, normalized, when there is no ID number', async () => {
    const a = await identityKey(SECRET, { phone: '+86 138-1234-8000' });
    const b = await identityKey(SECRET, { idNumber: '', phone: '13812348000' });
    expect(a).toBe(b);
    expect(a).not.toBe(await identityKey(SECRET, { idNumber: '11010519900101015X' }));
  });

  it('differs between tenants, so one county cannot match another county’s hashes', async () => {
    const a = await identityKey(SECRET, { phone: '13812348000' });
    const b = await identityKey('tenant-b-repeat-key', { phone: '13812348000' });
    expect(a).not.toBe(b);
  });

  it('is null for an anonymous case', async () => {
    expect(await identityKey(SECRET, {})).toBeNull();
    expect(await identityKey(SECRET, { idNumber: ' ', phone: null })).toBeNull();
  });

  it('agrees with an independent HMAC-SHA256, so services and imports can reproduce it', async () => {
    const expected = createHmac('sha256', SECRET).update('11010519900101015X').digest('hex');
    expect(await identityKey(SECRET, { idNumber: '11010519900101015x' })).toBe(expected);
  });
});

describe('suggesting repeats (同人同事)', () => {
  const now = bj('2026-06-01', '09:00:00');
  const earlier: RepeatCase = {
    identityHash: 'h1',
    idNumber: '11010519900101015X',
    categoryId: 'noise',
    title: '烧烤店噪音扰民',
    content: BBQ_FIRST,
    closedAt: bj('2026-04-01'),
  };
  const again: RepeatCase = {
    identityHash: 'h1',
    idNumber: '11010519900101015X',
    categoryId: 'noise',
    title: '烧烤店噪音问题仍未解决',
    content: BBQ_AGAIN,
  };
  const opts = { windowDays: 180, now };

  it('the same person complaining again about the same stall two months after it closed is a candidate', () => {
    const r = scoreRepeat(again, earlier, opts);
    expect(r.isCandidate).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(70);
    expect(r.reasons[0]).toBe('同一身份证号');
    expect(r.reasons).toContain('同一内容分类');
    // the words both texts have, as the dispatcher reads them
    expect(r.reasons).toContain('内容共有：烧烤店噪音、噪音扰民、楼下、油烟');
    expect(r.reasons).toContain('前案办结于 61 天前');
  });

  it('says it was the phone that matched when the person gave no ID number', () => {
    const r = scoreRepeat(
      { ...again, idNumber: null, phone: '13812348000' },
      { ...earlier, idNumber: null, phone: '13812348000' },
      opts,
    );
    expect(r.reasons[0]).toBe('同一联系电话');
  });

  it('a different person with the same complaint is not a repeat', () => {
    expect(scoreRepeat({ ...again, identityHash: 'h2' }, earlier, opts)).toEqual({
      score: 0,
      reasons: [],
      isCandidate: false,
    });
  });

  it('two anonymous cases are never repeats of each other', () => {
    expect(
      scoreRepeat({ ...again, identityHash: null }, { ...earlier, identityHash: null }, opts).isCandidate,
    ).toBe(false);
  });

  it('the same person with a different matter in the same category is not a candidate', () => {
    const r = scoreRepeat({ ...again, title: '工地拖欠工资', content: WAGES }, earlier, opts);
    expect(r.isCandidate).toBe(false);
    expect(r.score).toBeGreaterThanOrEqual(40);
  });

  it('the same matter filed under another category is still a candidate when retold closely', () => {
    const r = scoreRepeat(
      { ...again, categoryId: 'food', title: earlier.title, content: BBQ_FIRST },
      earlier,
      opts,
    );
    expect(r.isCandidate).toBe(true);
    expect(r.reasons).not.toContain('同一内容分类');
  });

  it('the same matter while the earlier case is still open is a candidate', () => {
    const r = scoreRepeat(again, { ...earlier, closedAt: null }, opts);
    expect(r.isCandidate).toBe(true);
    expect(r.reasons).toContain('前案仍在办理中');
  });

  it('the same matter 181 days after the earlier case closed is outside a 180-day window', () => {
    const closedAt = now - 181 * DAY;
    const r = scoreRepeat(again, { ...earlier, closedAt }, opts);
    expect(r).toEqual({ score: 0, reasons: ['前案办结已超过 180 天'], isCandidate: false });
    expect(scoreRepeat(again, { ...earlier, closedAt: now - 180 * DAY }, opts).isCandidate).toBe(true);
  });
});

describe('the same person', () => {
  const id = '11010519900101015X';
  it('is the same ID number, even from another phone', () => {
    expect(
      samePerson(
        { identityHash: 'h-id', idNumber: id, phone: '13800000001', content: '' },
        { identityHash: 'h-id', idNumber: id, phone: '13800000002', content: '' },
      ),
    ).toBe('idNumber');
  });

  it('is the same phone when one of the two gave an ID number and the other did not', () => {
    const visit: RepeatCase = { identityHash: 'h-id', idNumber: id, phone: '13800000001', content: '' };
    const portal: RepeatCase = { identityHash: 'h-phone', phone: '13800000001', content: '' };
    expect(samePerson(portal, visit)).toBe('phone');
    expect(samePerson(visit, portal)).toBe('phone');
  });

  it('is not two ID numbers on one family phone', () => {
    expect(
      samePerson(
        { identityHash: 'h-1', idNumber: id, phone: '13800000001', content: '' },
        { identityHash: 'h-2', idNumber: '110105199001010236', phone: '13800000001', content: '' },
      ),
    ).toBeNull();
  });
});

describe('the place', () => {
  const place = (content: string, address?: string) => matterText({ content, address });

  it('is the same when both name it, however written (东风村二组 / 东风二组, 下游王庄 / 王庄)', () => {
    expect(comparePlaces(place('东风二组的水渠被堵'), place('东风村二组的灌溉水渠被堵住'))).toEqual({
      same: '东风村',
    });
    expect(comparePlaces(place('王庄那一段天天挖沙'), place('清水河下游王庄段非法采砂'))).toEqual({
      same: '王庄',
    });
    expect(comparePlaces(place('楼下烧烤', '幸福路十二号'), place('烧烤', '城关镇幸福路12号'))).toEqual({
      same: '幸福路12号',
      door: true,
    });
  });

  it('differs between two villages, roads, businesses or doors', () => {
    expect(comparePlaces(place('白沙村的路灯坏了'), place('石桥村的路灯坏了'))).toEqual({
      different: ['石桥村', '白沙村'],
    });
    expect(comparePlaces(place('在永盛物流公司做装卸'), place('在宏达建筑公司做木工'))).toEqual({
      different: ['宏达建筑公司', '永盛物流公司'],
    });
    expect(comparePlaces(place('新华街47号搭棚'), place('新华街45号加盖'))).toEqual({
      different: ['新华街45号', '新华街47号'],
    });
  });

  it('is not known when one of the two names none (路灯, 村里, 市场监管局 are not places)', () => {
    expect(comparePlaces(place('村里的路灯还是不亮，请市场监管局查处'), place('石桥村路灯坏了'))).toBeNull();
  });
});

describe('the score and its reasons', () => {
  const now = bj('2026-06-01', '09:00:00');
  const opts = { windowDays: 180, now };
  const person = { identityHash: 'h', phone: '13800000001' };
  const lamp: RepeatCase = {
    ...person,
    categoryId: 'city',
    title: '村道路灯坏了三个月无人修',
    content: '石桥村到镇上的村道路灯坏了三个多月，晚上一片漆黑，已经有人摔伤，请尽快维修。',
  };

  it('the same kind of matter at another place is not suggested, and says why', () => {
    const r = scoreRepeat(
      {
        ...person,
        categoryId: 'city',
        title: '白沙村村道路灯坏了无人修',
        content: '白沙村到镇上的村道路灯坏了两个多月，晚上一片漆黑，已经有人摔伤，请尽快维修。',
      },
      lamp,
      opts,
    );
    expect(r.isCandidate).toBe(false);
    expect(r.reasons).toContain('地点不同（前案：石桥村；本件：白沙村）');
  });

  it('a portal case with no category, retold, is suggested all the same: the category is a bonus', () => {
    const r = scoreRepeat(
      {
        ...person,
        title: '石橋村路燈還是不亮',
        content: '石橋村往鎮上那條路的路燈一直沒修，天黑以後騎電動車很危險。',
      },
      lamp,
      opts,
    );
    expect(r.isCandidate).toBe(true);
    expect(r.reasons).toEqual([
      '同一联系电话',
      '内容共有：路灯、镇上',
      '同一地点（石桥村）',
      '前案仍在办理中',
    ]);
  });
});
