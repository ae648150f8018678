// A citizen's submission from the portal: replays of the same Idempotency-Key answer what the
// first request created (a double tap or a retry after a timeout makes one case); new submissions
// pass the honeypot, the per-address and per-phone limits and the proof-of-work captcha before the
// workflow creates the case.
import type { Purpose } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import { normalizePhone } from '../../domain/masking';
import { AppError, invalid } from '../../lib/errors';
import { sha256Hex } from '../../lib/ids';
import { caseIdForKey, createCase } from '../workflow/intake';
import { MAX_ATTACHMENTS_PER_CASE } from './attachments';
import { consumeChallenge, decodeSolution, verifySolution } from './captcha';
import { type Checks, countRequest, DAY, HOUR, isOverLimit, refusal } from './rate-limit';

export interface PortalCaseInput {
  kind: 'petition' | 'inquiry';
  purpose: Purpose;
  categoryId?: string | undefined;
  townshipUnitId?: string | undefined;
  address?: string | undefined;
  title: string;
  content: string;
  name?: string | undefined;
  phone?: string | undefined;
  idNumber?: string | undefined;
  anonymous?: boolean | undefined;
  isPublic?: boolean | undefined;
  attachmentIds?: string[] | undefined;
  captcha?: string | undefined;
  website?: string | undefined;
}

export interface Receipt {
  number: string;
  queryCode: string;
  secret: string;
  /** when the server took it in (a retry answers the first time): the receipt's 提交时间 */
  receivedAt: number;
  /** by when the bureau must pass it to a unit (what happens next, said on the receipt) */
  routeDueAt: number | null;
}

/** Must match the prefix createCase gives portal keys (workflow/intake.ts). */
const IDEM_PREFIX = 'portal:';

const CAPTCHA_FAILED = '安全验证未通过或已过期，请重新提交';

export async function submitCitizenCase(
  ctx: ServiceCtx,
  input: PortalCaseInput,
  opts: { idempotencyKey: string; clientKey: string },
): Promise<{ receipt: Receipt; replayed: boolean }> {
  const { db, tenant, deps } = ctx;
  const now = ctx.clock.now();
  const replay = (await caseIdForKey(ctx, IDEM_PREFIX + opts.idempotencyKey)) !== null;
  let limits: Checks | null = null;
  if (!replay) {
    // A person never sees the honeypot field; whatever fills it is a script.
    if (input.website) {
      deps.logger.log('warn', 'portal honeypot filled', { tenant: tenant.slug });
      throw invalid('提交未通过校验，请刷新页面后重新提交');
    }
    const ip = {
      key: `submit:ip:${tenant.id}:${opts.clientKey}`,
      limit: { limit: ctx.settings.portalLimits.submitPerIpPerHour, windowMs: HOUR },
      what: '提交',
    };
    const phone = normalizePhone(input.phone);
    // The address and the phone number are counted by the first statement of the case's own
    // batch (a refusal writes nothing); the phone is hashed, so the limits table holds no numbers.
    limits = phone
      ? [
          ip,
          {
            key: `submit:phone:${tenant.id}:${(await sha256Hex(`${deps.secret}:${phone}`)).slice(0, 32)}`,
            limit: { limit: ctx.settings.portalLimits.submitPerPhonePerDay, windowMs: DAY },
            what: '同一电话号码提交',
          },
        ]
      : [ip];
    if (!deps.captcha?.disabled) {
      const solution = input.captcha ? decodeSolution(input.captcha) : null;
      if (!solution || !(await verifySolution(deps.secret, tenant.id, now, solution))) {
        throw invalid(CAPTCHA_FAILED, [{ path: 'captcha', message: CAPTCHA_FAILED }]);
      }
      if (!(await consumeChallenge(db, tenant.id, solution.challenge, opts.idempotencyKey, now))) {
        throw invalid(CAPTCHA_FAILED, [{ path: 'captcha', message: CAPTCHA_FAILED }]);
      }
    }
    const ids = [...new Set(input.attachmentIds ?? [])];
    if (ids.length > MAX_ATTACHMENTS_PER_CASE) {
      throw invalid(`附件最多 ${MAX_ATTACHMENTS_PER_CASE} 个`, [
        { path: 'attachmentIds', message: `附件最多 ${MAX_ATTACHMENTS_PER_CASE} 个` },
      ]);
    }
    // that each file is the citizen's own and unclaimed is checked with the rest (createCase)
  }
  const anonymous = input.anonymous === true;
  try {
    const created = await createCase(
      ctx,
      {
        kind: input.kind,
        channel: 'web',
        purpose: input.purpose,
        categoryId: input.categoryId ?? null,
        townshipUnitId: input.townshipUnitId ?? null,
        address: input.address ?? null,
        title: input.title,
        content: input.content,
        petitioner: {
          name: anonymous ? null : (input.name ?? null),
          phone: input.phone ?? null,
          idNumber: anonymous ? null : (input.idNumber ?? null),
          anonymous,
        },
        isPublic: input.kind === 'inquiry' ? input.isPublic !== false : false,
        attachmentIds: [...new Set(input.attachmentIds ?? [])],
      },
      {
        idempotencyKey: opts.idempotencyKey,
        source: 'portal',
        keyIsNew: !replay,
        precede: limits ? [countRequest(db, limits, now)] : [],
      },
    );
    return {
      receipt: {
        number: created.caseRow.number,
        queryCode: created.queryCode,
        secret: created.secret,
        receivedAt: created.caseRow.receivedAt,
        routeDueAt: created.caseRow.routeDueAt ?? null,
      },
      replayed: created.replayed,
    };
  } catch (e) {
    if (limits && isOverLimit(e)) throw await refusal(db, limits, now);
    // The workflow names petitioner fields as petitioner.phone; the portal form calls them phone.
    if (e instanceof AppError && e.code === 'VALIDATION') {
      throw new AppError(
        e.code,
        e.message,
        e.details.map((d) => ({ ...d, path: d.path?.replace(/^petitioner\./, '') })),
        e.headers,
      );
    }
    throw e;
  }
}
