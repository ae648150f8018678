// Shared valibot building blocks for route inputs (also the OpenAPI component shapes).
import * as v from 'valibot';
import { ROLES } from '../../db/schema/tenancy';

export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const Name = (max = 60) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, '不能为空'), v.maxLength(max, `不能超过 ${max} 个字`));

/**
 * The years a day, month or period given to the API may fall in. Outside them is a slip of the
 * keyboard (0000-01, 9999-12-31), and the calendar's arithmetic (the day after 9999-12-31, the year
 * before 0000) would fail as a 500 instead.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Whether a string starting with a four-digit year ('2026', '2026-07', '2026-Q3', …) is in range. */
export const inYearRange = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};
export const YEAR_RANGE_MESSAGE = `年份应在 ${MIN_YEAR}–${MAX_YEAR} 年之间`;

export const Day = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  // a real calendar day: 2026-13-01 and 2026-02-30 are refused
  v.check((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '不是有效的日期'),
  v.check(inYearRange, YEAR_RANGE_MESSAGE),
);
export const Month = v.pipe(
  v.string(),
  v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
  v.check(inYearRange, YEAR_RANGE_MESSAGE),
);
export const Year = v.pipe(
  v.string(),
  v.regex(/^\d{4}$/, '年份格式应为 YYYY'),
  v.check(inYearRange, YEAR_RANGE_MESSAGE),
);
export const Role = v.picklist(ROLES, '角色无效');
export const UnitKind = v.picklist(['township', 'department', 'bureau'], '单位类型无效');
export const Login = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[A-Za-z0-9_.@-]{2,40}$/, '登录名只能包含字母、数字和 _ . @ -，2–40 位'),
);
export const Password = v.pipe(
  v.string(),
  v.minLength(1, '请输入密码'),
  v.maxLength(64, '密码不能超过 64 位'),
);
/** What any new account takes (a county's also names its role and unit). */
export const NEW_ACCOUNT = {
  login: Login,
  password: Password,
  name: Name(30),
  mustChangePassword: v.optional(v.boolean()),
};
/** What any account's administrator may change (a county's also its role and unit). */
export const ACCOUNT_CHANGE = {
  login: v.optional(Login),
  name: v.optional(Name(30)),
  active: v.optional(v.boolean()),
  password: v.optional(Password),
  unlock: v.optional(v.boolean()),
  lock: v.optional(v.boolean()),
};
export const Slug = v.pipe(
  v.string(),
  v.regex(
    /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/,
    '标识须以小写字母开头、以字母或数字结尾，只能包含小写字母、数字和 -，2–40 位',
  ),
);
export const Version = v.pipe(v.number('version 必须是数字'), v.integer(), v.minValue(1));
