// The words a case's timeline shows staff for each event. Citizens read their own, narrower words
// (services/portal/tracking.ts).
import { CHANNEL_NAMES, RATING_NAMES } from './labels';
export interface TimelineEvent {
  type: string;
  at: number;
  payload: Record<string, unknown> | null;
  unitName?: string | null;
  actorName?: string | null;
}

/**
 * What staff wrote with a move, after a colon: the bureau's reasons, notes, messages and
 * instructions are addressed to the unit, and the unit's reasons to the bureau, so both read them
 * here. Only staff's words: what the citizen wrote (a review request's reason, a rating's comment)
 * could name an accuser to the units that read this timeline on a 检举控告, and stays out.
 */
const said = (v: unknown) => {
  const text = typeof v === 'string' ? v.trim() : '';
  return text ? `：${text}` : '';
};

/** The repeat suggestions a merge set aside, by the other case's number. */
const setAside = (v: unknown) => {
  const list = Array.isArray(v) ? (v as { otherNumber?: unknown }[]) : [];
  if (!list.length) return '';
  return `；与 ${list.map((x) => String(x.otherNumber ?? '另一案件')).join('、')} 的重复件提示随之排除`;
};

const STAFF: Record<string, (e: TimelineEvent) => string> = {
  // Registration is not 受理: that is the unit's decision (assignment.accepted). Staff 登记 what came
  // by letter, visit or phone; what the citizen filed on the portal the platform 收件.
  'case.created': (e) =>
    `${e.payload?.source === 'portal' ? '收件' : '登记'}（${CHANNEL_NAMES[String(e.payload?.channel)] ?? '—'}）`,
  'case.imported': () => '历史数据导入',
  'case.routed': (e) => `${e.payload?.rerouted ? '重新交办' : '交办'}${said(e.payload?.instructions)}`,
  'case.self_handled': () => '平台自办',
  // The merged case's event also lists the repeat suggestions set aside with it (bureau only: a unit
  // that gave the case back reads its own assignment's events, and units never see repeats).
  'case.merged': (e) =>
    e.payload?.intoNumber
      ? `并入 ${String(e.payload.intoNumber)}${setAside(e.payload.repeatsSetAside)}`
      : `合并 ${String(e.payload?.fromNumber ?? '')}`,
  'case.repeat_suggested': () => '系统提示可能为重复件',
  'case.repeat_confirmed': () => '确认为重复件',
  // set aside by a merge: the earlier case went into another, so there is nothing left to judge
  'case.repeat_rejected': (e) =>
    e.payload?.mergedIntoNumber
      ? `排除与 ${String(e.payload.earlierNumber ?? '另一案件')} 的重复件提示（${String(e.payload.earlierNumber ?? '该案件')} 已并入 ${String(e.payload.mergedIntoNumber)}）`
      : '排除重复件提示',
  'case.repeat_reopened': () => '撤回排除，重复件提示重新待审',
  // its chain's head changed: the case it repeats joined an earlier chain, or was merged
  'case.repeat_chain_moved': (e) =>
    `重复链改以 ${String(e.payload?.chainHeadNumber ?? '')} 为首（${String(e.payload?.fromNumber ?? '')} ${e.payload?.because === 'merged' ? '已并入' : '已确认为'} ${String(e.payload?.chainHeadNumber ?? '')}${e.payload?.because === 'merged' ? '' : ' 的重复件'}）`,
  'case.review_requested': (e) => {
    if (e.payload?.kind !== 'review') return '群众不满意，申请重办';
    const asked = `群众申请${Number(e.payload?.level) === 2 ? '复核' : '复查'}`;
    // registered by the bureau from a letter, a visit or a call (routing.registerReviewRequest)
    const by = CHANNEL_NAMES[String(e.payload?.channel)];
    return by ? `${asked}（${by}，信访部门登记）` : asked;
  },
  'case.review_answered': (e) =>
    `${e.payload?.level === 2 ? '复核' : '复查'}意见：${e.payload?.decision === 'revised' ? '撤销或变更原处理意见' : '维持原处理意见'}${e.payload?.late ? '（逾期）' : ''}`,
  'case.published': () => '问政答复已公开',
  'case.withheld': () => '问政答复不予公开',
  'case.contact_revealed': (e) => `查看完整${e.payload?.field === 'idNumber' ? '身份证号' : '联系电话'}`,
  'assignment.dispatched': (e) => `转${e.payload?.role === 'co' ? '协办' : '主办'}单位：${e.unitName ?? ''}`,
  'assignment.signed': (e) => `${e.unitName ?? ''}签收`,
  'assignment.accepted': (e) => `${e.unitName ?? ''}受理`,
  'assignment.refused': (e) => `${e.unitName ?? ''}不予受理${said(e.payload?.reason)}`,
  'assignment.return_requested': (e) => `${e.unitName ?? ''}申请退件${said(e.payload?.reason)}`,
  'assignment.return_approved': (e) => `同意${e.unitName ?? ''}退件${said(e.payload?.note)}`,
  'assignment.return_rejected': (e) => `驳回${e.unitName ?? ''}退件申请${said(e.payload?.note)}`,
  'assignment.extension_requested': (e) =>
    `${e.unitName ?? ''}申请延期 ${String(e.payload?.days ?? '')} 天${said(e.payload?.reason)}`,
  'assignment.extension_approved': (e) => `批准${e.unitName ?? ''}延期 ${String(e.payload?.days ?? '')} 天`,
  'assignment.extension_denied': (e) => `不同意${e.unitName ?? ''}延期${said(e.payload?.note)}`,
  'assignment.reply_drafted': (e) => `${e.unitName ?? ''}拟写答复`,
  // by the attachment's id only: a file's name (举报人身份证.png) may be why it was taken off
  'assignment.reply_file_removed': (e) => `${e.unitName ?? ''}从答复中移除一个附件`,
  'assignment.reply_submitted': (e) => `${e.unitName ?? ''}答复提交领导审核`,
  'assignment.reply_approved': (e) => `${e.unitName ?? ''}领导审核通过${said(e.payload?.note)}`,
  'assignment.reply_rejected': (e) => `${e.unitName ?? ''}领导审核退回${said(e.payload?.note)}`,
  'assignment.replied': (e) =>
    `${e.unitName ?? ''}答复${
      e.payload?.lapsedExtensionDays != null
        ? `（尚未审批的延期申请 ${String(e.payload.lapsedExtensionDays)} 天随之失效）`
        : ''
    }`,
  'assignment.closed': (e) =>
    `${e.unitName ?? ''}办结${
      e.payload?.concludedBy === 'rating'
        ? '（群众已评价，自动办结）'
        : e.payload?.concludedBy === 'rating_expired'
          ? '（评价期满，自动办结）'
          : ''
    }`,
  'assignment.rated': (e) => `群众评价${e.unitName ?? ''}：${RATING_NAMES[String(e.payload?.value)] ?? ''}`,
  'assignment.rating_expired': (e) => `${e.unitName ?? ''}超期未评`,
  'assignment.reopened': (e) => `${e.unitName ?? ''}重办${said(e.payload?.reason)}`,
  'assignment.rework_declined': (e) =>
    `维持${e.unitName ?? '承办单位'}的答复，不予重办${said(e.payload?.reason)}`,
  'assignment.supervised': (e) => `督办${e.unitName ?? ''}${said(e.payload?.note)}`,
  'assignment.urged': (e) => `催办${e.unitName ?? ''}${said(e.payload?.message)}`,
  'assignment.overdue': (e) => `${e.unitName ?? ''}${STEP_NAMES[String(e.payload?.step)] ?? ''}逾期`,
};

export const STEP_NAMES: Record<string, string> = {
  sign: '签收',
  accept: '受理',
  reply: '答复',
  supervision: '督办',
};

/**
 * Moves between a unit's handler and its own leader: another unit on the case (the lead reading
 * its co-handler, or the other way round) reads that they happened, not the leader's note.
 */
export const UNIT_INTERNAL_EVENTS: ReadonlySet<string> = new Set([
  'assignment.reply_approved',
  'assignment.reply_rejected',
]);

export function describeForStaff(e: TimelineEvent): string | null {
  const f = STAFF[e.type];
  return f ? f(e) : null;
}
