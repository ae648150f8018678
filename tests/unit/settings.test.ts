import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_PROFILE } from '../../workers/domain/scoring';
import {
  DEFAULT_SETTINGS,
  mergeSettingsPatch,
  resolveSettings,
  TenantSettingsPatchSchema,
} from '../../workers/domain/settings';

const parse = (input: unknown) => v.safeParse(TenantSettingsPatchSchema, input);

describe('the defaults every county inherits', () => {
  it('follow DOMAIN.md: route 15, sign 1, return 5 working, accept 5, rate 15, review 30 days', () => {
    expect(DEFAULT_SETTINGS.timeZone).toBe('Asia/Shanghai');
    expect(DEFAULT_SETTINGS.deadlines).toMatchObject({
      route: { days: 15, unit: 'natural' },
      sign: { days: 1, unit: 'natural' },
      returnWindow: { days: 5, unit: 'working' },
      accept: { days: 5, unit: 'natural' },
      ratingWindow: { days: 15, unit: 'natural' },
      reviewWindow: { days: 30, unit: 'natural' },
      reviewAnswer: { days: 30, unit: 'natural' },
    });
    expect(DEFAULT_SETTINGS).toMatchObject({
      requireReplyReview: true,
      repeatWindowDays: 180,
      showHandlerNames: false,
      anonymousAllowed: { petition: false, inquiry: true, hotline: true },
      branding: {},
    });
    expect(DEFAULT_SETTINGS.scoring).toEqual(DEFAULT_SCORING_PROFILE);
  });

  it('validate against the tenant admin’s own schema', () => {
    expect(parse(DEFAULT_SETTINGS).success).toBe(true);
  });

  it('cannot be changed by accident', () => {
    expect(() => {
      (DEFAULT_SETTINGS.deadlines.route as { days: number }).days = 3;
    }).toThrow(TypeError);
  });
});

describe('a county’s stored settings over the defaults', () => {
  it('a county that stored nothing gets the defaults', () => {
    expect(resolveSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('a county that signs in 2 working days keeps every other default', () => {
    const s = resolveSettings({
      deadlines: { sign: { days: 2, unit: 'working' } },
      branding: { portalTitle: '某县民声' },
    });
    expect(s.deadlines.sign).toEqual({ days: 2, unit: 'working' });
    expect(s.deadlines.accept).toEqual({ days: 5, unit: 'natural' });
    expect(s.deadlines.rules).toEqual(DEFAULT_SETTINGS.deadlines.rules);
    expect(s.branding).toEqual({ portalTitle: '某县民声' });
    expect(s.requireReplyReview).toBe(true);
  });

  it('a county’s own rule list replaces the default list rather than adding to it', () => {
    const rules = [
      { match: { kind: 'petition' }, reply: { days: 10, unit: 'natural' }, maxExtensionDays: 10 },
    ];
    expect(resolveSettings({ deadlines: { rules } }).deadlines.rules).toEqual(rules);
  });

  it('a stored document with a broken part loses only that part', () => {
    const s = resolveSettings({
      timeZone: 'Mars/Olympus',
      repeatWindowDays: 90,
      deadlines: {
        route: { days: 10 },
        accept: { days: 3, unit: 'natural' },
        rules: [{ match: { kind: 'letter' }, reply: { days: 10, unit: 'natural' }, maxExtensionDays: 0 }],
        legacyKey: true,
      },
      branding: { portalTitle: '某县', primaryColor: 'red' },
    });
    expect(s.timeZone).toBe('Asia/Shanghai');
    expect(s.repeatWindowDays).toBe(90);
    expect(s.deadlines.route).toEqual(DEFAULT_SETTINGS.deadlines.route);
    expect(s.deadlines.accept).toEqual({ days: 3, unit: 'natural' });
    expect(s.deadlines.rules).toEqual(DEFAULT_SETTINGS.deadlines.rules);
    expect(s.deadlines).not.toHaveProperty('legacyKey');
    expect(s.branding).toEqual({ portalTitle: '某县' });
  });

  it('returns a copy the caller may change without touching the defaults', () => {
    const s = resolveSettings({});
    s.deadlines.rules.push({ match: {}, reply: { days: 1, unit: 'natural' }, maxExtensionDays: 0 });
    s.scoring.volume.weight = 99;
    expect(DEFAULT_SETTINGS.deadlines.rules).toHaveLength(7);
    expect(DEFAULT_SCORING_PROFILE.volume.weight).toBe(25);
  });
});

describe('a tenant admin’s update', () => {
  it('may change any single field', () => {
    expect(parse({ requireReplyReview: false }).success).toBe(true);
    expect(parse({ deadlines: { ratingWindow: { days: 10, unit: 'working' } } }).success).toBe(true);
    expect(parse({ anonymousAllowed: { petition: true } }).success).toBe(true);
    expect(parse({ timeZone: 'Asia/Urumqi' }).success).toBe(true);
    expect(
      parse({ branding: { logoUrl: 'https://example.gov.cn/logo.png', primaryColor: '#C8102E' } }).success,
    ).toBe(true);
    expect(parse({ branding: { logoUrl: '/uploads/logo.png' } }).success).toBe(true);
  });

  it('is refused when a number of days is out of range, fractional or in an unknown unit', () => {
    expect(parse({ deadlines: { route: { days: 0, unit: 'natural' } } }).success).toBe(false);
    expect(parse({ deadlines: { sign: { days: 1.5, unit: 'natural' } } }).success).toBe(false);
    expect(parse({ deadlines: { accept: { days: 5, unit: 'lunar' } } }).success).toBe(false);
    expect(parse({ repeatWindowDays: -1 }).success).toBe(false);
    expect(parse({ repeatWindowDays: 5000 }).success).toBe(false);
  });

  it('explains a refusal in Chinese', () => {
    const r = parse({ deadlines: { route: { days: 100, unit: 'natural' } } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.message).toBe('天数不能超过 60');
  });

  it('is refused for unknown keys, kinds, zones and unsafe branding', () => {
    expect(parse({ colour: 'red' }).success).toBe(false);
    expect(
      parse({
        deadlines: {
          rules: [{ match: { kind: 'letter' }, reply: { days: 1, unit: 'natural' }, maxExtensionDays: 0 }],
        },
      }).success,
    ).toBe(false);
    expect(parse({ timeZone: 'Asia/Beijing' }).success).toBe(false);
    expect(parse({ branding: { logoUrl: 'javascript:alert(1)' } }).success).toBe(false);
    expect(parse({ branding: { logoUrl: '//evil.example/logo.png' } }).success).toBe(false);
    expect(parse({ branding: { primaryColor: 'red;background:url(x)' } }).success).toBe(false);
  });

  it('merges into what the county stored, and null puts a field back to the default', () => {
    const stored = {
      repeatWindowDays: 90,
      branding: { portalTitle: '某县民声', notice: '春节期间正常受理' },
    };
    const patch = v.parse(TenantSettingsPatchSchema, { branding: { notice: null }, showHandlerNames: true });
    const next = mergeSettingsPatch(stored, patch);
    expect(next).toEqual({
      repeatWindowDays: 90,
      branding: { portalTitle: '某县民声' },
      showHandlerNames: true,
    });
    expect(stored.branding.notice).toBe('春节期间正常受理');
    const reset = mergeSettingsPatch(next, v.parse(TenantSettingsPatchSchema, { repeatWindowDays: null }));
    expect(resolveSettings(reset).repeatWindowDays).toBe(180);
  });

  it('a null in a stored document means the default, not a missing field', () => {
    expect(resolveSettings({ branding: null, deadlines: { sign: null } }).deadlines.sign).toEqual(
      DEFAULT_SETTINGS.deadlines.sign,
    );
    expect(resolveSettings({ branding: null }).branding).toEqual({});
  });
});
