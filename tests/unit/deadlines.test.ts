import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../workers/domain/calendar';
import {
  type CaseFacts,
  dispatchDeadlines,
  dueDay,
  extendReplyDeadline,
  ratingDeadline,
  remainingExtensionDays,
  replyDeadline,
  resolveRule,
  reviewDeadline,
  routeDeadline,
} from '../../workers/domain/deadlines';
import { isInTime } from '../../workers/domain/lights';
import { DEFAULT_SETTINGS, resolveSettings, type TenantSettings } from '../../workers/domain/settings';

const cal = createCalendar();
const settings = DEFAULT_SETTINGS;
const bj = (day: string, time = '00:00:00') => Date.parse(`${day}T${time}+08:00`);

const petition = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  kind: 'petition',
  channel: 'web',
  purpose: 'suggestion',
  fastTrack: false,
  ...over,
});
const hotline = (over: Partial<CaseFacts> = {}): CaseFacts =>
  petition({ kind: 'hotline', channel: 'phone', ...over });

describe('which rule applies', () => {
  it('a suggestion, an accusation or an inquiry is answered in 15 natural days, extendable by 15', () => {
    for (const facts of [petition(), petition({ purpose: 'accusation' }), petition({ kind: 'inquiry' })]) {
      expect(resolveRule(settings, facts)).toEqual({
        route: { days: 15, unit: 'natural' },
        sign: { days: 1, unit: 'natural' },
        accept: { days: 5, unit: 'natural' },
        reply: { days: 15, unit: 'natural' },
        maxExtensionDays: 15,
      });
    }
  });

  it('a claim (申诉求决) is answered in 60 days after acceptance, extendable by at most 30', () => {
    const rule = resolveRule(settings, petition({ purpose: 'claim' }));
    expect(rule.reply).toEqual({ days: 60, unit: 'natural' });
    expect(rule.maxExtensionDays).toBe(30);
  });

  it('a fast-track case (最多投一次) is signed the same day and answered in 15 days, even a claim', () => {
    const rule = resolveRule(settings, petition({ purpose: 'claim', fastTrack: true }));
    expect(rule.sign).toEqual({ days: 0, unit: 'natural' });
    expect(rule.reply).toEqual({ days: 15, unit: 'natural' });
    expect(rule.maxExtensionDays).toBe(0);
  });

  it('a 12345 work order is signed in 1 working day; questions take 2, help 5, complaints 15 working days', () => {
    expect(resolveRule(settings, hotline({ purpose: 'question' }))).toMatchObject({
      sign: { days: 1, unit: 'working' },
      reply: { days: 2, unit: 'working' },
    });
    expect(resolveRule(settings, hotline({ purpose: 'help' })).reply).toEqual({ days: 5, unit: 'working' });
    expect(resolveRule(settings, hotline({ purpose: 'accusation' })).reply).toEqual({
      days: 15,
      unit: 'working',
    });
    // the hotline rules follow the claim rule, so a hotline claim keeps the hotline deadline
    expect(resolveRule(settings, hotline({ purpose: 'claim' })).reply).toEqual({ days: 15, unit: 'working' });
  });

  it('a tenant rule for cases transferred from the city beats the general petition rule', () => {
    const tenant = resolveSettings({
      deadlines: {
        rules: [
          ...settings.deadlines.rules,
          {
            match: { kind: 'petition', channel: 'transfer' },
            accept: { days: 3, unit: 'natural' },
            reply: { days: 10, unit: 'natural' },
            maxExtensionDays: 5,
          },
        ],
      },
    });
    const rule = resolveRule(tenant, petition({ channel: 'transfer' }));
    expect(rule.reply.days).toBe(10);
    expect(rule.accept.days).toBe(3);
    expect(resolveRule(tenant, petition()).reply.days).toBe(15);
  });

  it('of two rules matching as many keys, the later one wins', () => {
    const tenant = resolveSettings({
      deadlines: {
        rules: [
          { match: { purpose: 'help' }, reply: { days: 7, unit: 'natural' }, maxExtensionDays: 0 },
          { match: { channel: 'visit' }, reply: { days: 9, unit: 'natural' }, maxExtensionDays: 0 },
        ],
      },
    });
    expect(resolveRule(tenant, petition({ purpose: 'help', channel: 'visit' })).reply.days).toBe(9);
  });

  it('a tenant that deleted every rule still answers in 15 natural days', () => {
    const tenant = resolveSettings({ deadlines: { rules: [] } });
    expect(resolveRule(tenant, petition()).reply).toEqual({ days: 15, unit: 'natural' });
  });
});

describe('deadlines of a dispatched assignment', () => {
  it('a case dispatched on the Friday before Spring Festival is signed by the make-up Saturday, accepted by 02-18, returned by 02-27', () => {
    const d = dispatchDeadlines(bj('2026-02-13', '15:00:00'), petition(), settings, cal);
    expect(dueDay(d.signDueAt, settings)).toBe('2026-02-14');
    expect(d.signDueAt).toBe(bj('2026-02-15'));
    // accept: 5 natural days from dispatch, holiday or not
    expect(d.acceptDueAt).toBe(bj('2026-02-19'));
    // return: 5 working days — 02-14 and 02-24 … 02-27
    expect(d.returnDueAt).toBe(bj('2026-02-28'));
  });

  it('a hotline order received on the Friday before Spring Festival is due to be signed on the first working day after it', () => {
    const d = dispatchDeadlines(bj('2026-02-13', '17:45:00'), hotline(), settings, cal);
    expect(dueDay(d.signDueAt, settings)).toBe('2026-02-14');
  });

  it('a hotline order received on that make-up Saturday must be signed on Tuesday 02-24, after the festival', () => {
    const d = dispatchDeadlines(bj('2026-02-14', '10:00:00'), hotline(), settings, cal);
    expect(dueDay(d.signDueAt, settings)).toBe('2026-02-24');
  });

  it('a unit may return a case dispatched before National Day until 10-12, since 10-10 is a make-up working day', () => {
    const d = dispatchDeadlines(bj('2026-09-29', '09:00:00'), petition(), settings, cal);
    // 09-30, 10-08, 10-09, 10-10 (Saturday, worked), 10-12
    expect(dueDay(d.returnDueAt, settings)).toBe('2026-10-12');
  });

  it('a fast-track case dispatched at 23:59:59 must still be signed before midnight', () => {
    const dispatched = bj('2026-03-02', '23:59:59');
    const d = dispatchDeadlines(dispatched, petition({ fastTrack: true }), settings, cal);
    expect(d.signDueAt).toBe(bj('2026-03-03'));
    expect(isInTime(bj('2026-03-02', '23:59:59') + 999, d.signDueAt)).toBe(true);
    expect(isInTime(bj('2026-03-03', '00:00:00'), d.signDueAt)).toBe(false);
  });

  it('a case registered on 03-02 must be routed by 24:00 on 03-17', () => {
    expect(routeDeadline(bj('2026-03-02', '11:00:00'), settings, cal)).toBe(bj('2026-03-18'));
  });
});

describe('the reply deadline', () => {
  it('a claim accepted on 03-02 is due on 05-01; one accepted at 00:00 on 03-03 a day later', () => {
    expect(replyDeadline(bj('2026-03-02', '23:59:59'), petition({ purpose: 'claim' }), settings, cal)).toBe(
      bj('2026-05-02'),
    );
    expect(replyDeadline(bj('2026-03-03', '00:00:00'), petition({ purpose: 'claim' }), settings, cal)).toBe(
      bj('2026-05-03'),
    );
  });

  it('a case transferred from the city keeps the city deadline when it comes first', () => {
    const city = bj('2026-03-10', '17:00:00');
    expect(
      replyDeadline(bj('2026-03-02', '09:00:00'), petition({ channel: 'transfer' }), settings, cal, city),
    ).toBe(city);
    const late = bj('2026-04-30');
    expect(
      replyDeadline(bj('2026-03-02', '09:00:00'), petition({ channel: 'transfer' }), settings, cal, late),
    ).toBe(bj('2026-03-18'));
  });

  it('a hotline question accepted before Labour Day is due on 05-06, after the five days off', () => {
    expect(
      dueDay(
        replyDeadline(bj('2026-04-29', '10:00:00'), hotline({ purpose: 'question' }), settings, cal),
        settings,
      ),
    ).toBe('2026-05-06');
  });

  it('a claim extended by 30 days moves from 05-01 to 05-31', () => {
    const due = replyDeadline(bj('2026-03-02', '10:00:00'), petition({ purpose: 'claim' }), settings, cal);
    const extended = extendReplyDeadline(due, 30, petition({ purpose: 'claim' }), settings, cal);
    expect(dueDay(extended, settings)).toBe('2026-05-31');
    expect(extended).toBe(bj('2026-06-01'));
  });

  it('a hotline question extends by working days, counting the make-up Saturday 05-09', () => {
    const facts = hotline({ purpose: 'question' });
    const due = replyDeadline(bj('2026-04-29', '10:00:00'), facts, settings, cal);
    expect(dueDay(extendReplyDeadline(due, 2, facts, settings, cal), settings)).toBe('2026-05-08');
    expect(dueDay(extendReplyDeadline(due, 3, facts, settings, cal), settings)).toBe('2026-05-09');
  });

  it('a deadline the city set at 17:00 extends from that day', () => {
    const city = bj('2026-03-10', '17:00:00');
    expect(dueDay(extendReplyDeadline(city, 5, petition(), settings, cal), settings)).toBe('2026-03-15');
  });

  it('knows how many extension days a case has left', () => {
    expect(remainingExtensionDays(petition({ purpose: 'claim' }), settings, 20)).toBe(10);
    expect(remainingExtensionDays(petition({ purpose: 'claim' }), settings, 40)).toBe(0);
  });
});

describe('rating and review windows', () => {
  it('a citizen answered on 09-30 may rate until 24:00 on 10-15, through National Day', () => {
    expect(ratingDeadline(bj('2026-09-30', '16:00:00'), settings, cal)).toBe(bj('2026-10-16'));
  });

  it('a citizen answered on 09-30 may ask for a review (复查) until 10-30', () => {
    expect(dueDay(reviewDeadline(bj('2026-09-30', '16:00:00'), settings, cal), settings)).toBe('2026-10-30');
  });

  it('a tenant that rates in 10 working days gets its own window', () => {
    const tenant: TenantSettings = resolveSettings({
      deadlines: { ratingWindow: { days: 10, unit: 'working' } },
    });
    // 10-08, 09, 10 (Sat, worked), 12, 13, 14, 15, 16, 19, 20
    expect(dueDay(ratingDeadline(bj('2026-09-30', '16:00:00'), tenant, cal), tenant)).toBe('2026-10-20');
  });
});
