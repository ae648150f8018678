// The Chinese names of roles, states and events: one catalogue for the server (audit log, CSV,
// refusals) and the console (web/src/i18n.ts re-exports it), so a role or state is called the same
// on the screen and in an export. Plain data (type imports only): the console bundles it.
import type {
  AssignmentState,
  CaseKind,
  CaseStatus,
  Channel,
  Purpose,
  RatingValue,
} from '../../db/schema/cases';

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  platform_admin: '平台管理员',
  tenant_admin: '县级管理员',
  dispatcher: '信访局（平台）',
  handler: '承办人',
  unit_leader: '单位领导',
  county_leader: '县领导',
};

/** Who did something, as the audit log names them: staff roles plus the citizen and the system. */
export const ACTOR_ROLE_NAMES: Readonly<Record<string, string>> = {
  ...ROLE_NAMES,
  citizen: '群众',
  system: '系统',
};

export const KIND_NAMES: Readonly<Record<string, string>> = {
  petition: '信访事项',
  inquiry: '网上问政',
  hotline: '12345 工单',
} satisfies Record<CaseKind, string>;

export const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  web: '网上平台',
  letter: '来信',
  visit: '来访',
  phone: '电话/12345',
  mailbox: '领导信箱',
  transfer: '上级转送/交办',
} satisfies Record<Channel, string>;

export const PURPOSE_NAMES: Readonly<Record<string, string>> = {
  suggestion: '意见建议',
  accusation: '检举控告',
  claim: '申诉求决',
  question: '咨询',
  help: '求助',
  other: '其他',
} satisfies Record<Purpose, string>;

export const RATING_NAMES: Readonly<Record<string, string>> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
} satisfies Record<RatingValue, string>;

/** A deadline's light: green in time, yellow due within a day, red overdue. */
export const LIGHT_NAMES: Readonly<Record<string, string>> = { green: '正常', yellow: '临期', red: '逾期' };

export const CASE_STATUS_NAMES: Readonly<Record<string, string>> = {
  new: '待分派',
  routed: '已转送',
  in_progress: '办理中',
  replied: '已答复',
  closed: '已办结',
  rated: '已评价',
  self_handled: '平台自办',
  merged: '已合并',
} satisfies Record<CaseStatus, string> & Record<string, string>;

export const ASSIGNMENT_STATE_NAMES: Readonly<Record<string, string>> = {
  dispatched: '待签收',
  signed: '已签收',
  accepted: '已受理',
  refused: '不予受理',
  return_requested: '退件申请中',
  returned: '已退件',
  replied: '已答复',
  closed: '已办结',
  rated: '已评价',
  unrated: '超期未评',
} satisfies Record<AssignmentState, string>;

/** Short names of events, as the audit log lists them; an event not named here shows its type. */
export const EVENT_NAMES: Readonly<Record<string, string>> = {
  'case.created': '登记',
  'case.imported': '历史导入',
  'case.routed': '交办',
  'case.self_handled': '平台自办',
  'case.merged': '合并',
  'case.repeat_suggested': '重复件提示',
  'case.repeat_confirmed': '确认重复件',
  'case.repeat_rejected': '排除重复件',
  'case.repeat_reopened': '撤回排除重复件',
  'case.repeat_chain_moved': '重复链首变更',
  'case.review_requested': '申请复查/重办',
  'case.review_answered': '复查意见',
  'case.published': '问政公开',
  'case.withheld': '问政不公开',
  'case.contact_revealed': '查看完整号码',
  'assignment.dispatched': '转办',
  'assignment.signed': '签收',
  'assignment.accepted': '受理',
  'assignment.refused': '不予受理',
  'assignment.return_requested': '申请退件',
  'assignment.return_approved': '同意退件',
  'assignment.return_rejected': '驳回退件',
  'assignment.extension_requested': '申请延期',
  'assignment.extension_approved': '批准延期',
  'assignment.extension_denied': '不同意延期',
  'assignment.reply_drafted': '拟写答复',
  'assignment.reply_file_removed': '移除答复附件',
  'assignment.reply_submitted': '提交审核',
  'assignment.reply_approved': '审核通过',
  'assignment.reply_rejected': '审核退回',
  'assignment.replied': '答复',
  'assignment.closed': '办结',
  'assignment.rated': '评价',
  'assignment.rating_expired': '超期未评',
  'assignment.reopened': '重办',
  'assignment.rework_declined': '维持答复',
  'assignment.supervised': '督办',
  'assignment.urged': '催办',
  'assignment.overdue': '逾期',
  'user.created': '新增账号',
  'user.updated': '修改账号',
  'user.login': '登录',
  'user.login_failed': '登录失败',
  'user.locked': '账号锁定',
  'user.password_changed': '修改密码',
  'user.login_renamed': '登录名自动更改',
  'unit.created': '新增单位',
  'unit.updated': '修改单位',
  'category.created': '新增分类',
  'category.updated': '修改分类',
  'settings.updated': '修改设置',
  'holiday.set': '设置节假日',
  'holiday.deleted': '删除节假日安排',
  'template.created': '新增答复模板',
  'template.updated': '修改答复模板',
  'template.retired': '停用答复模板',
  'template.restored': '启用答复模板',
  'token.created': '创建接口令牌',
  'token.revoked': '吊销接口令牌',
  'deduction.recorded': '登记通报扣分',
  'deduction.revoked': '撤销通报扣分',
  'procedure_score.set': '录入制度落实得分',
  'bulletin.drafted': '生成通报草稿',
  'bulletin.published': '发布通报',
  'bulletin.edited': '修改通报草稿',
  'tenant.created': '开通县区',
  'tenant.disabled': '停用县区',
  'tenant.enabled': '启用县区',
  'export.cases': '导出案件台账',
  'export.assignments': '导出批转件台账',
  'export.audit': '导出审计日志',
  'export.bulletin': '导出工作通报',
  'stats.rebuilt': '重建统计汇总',
};

/** A state in an event's from/to: an assignment's or a case's. */
export const stateName = (s: string | null | undefined): string =>
  s == null ? '' : (ASSIGNMENT_STATE_NAMES[s] ?? CASE_STATUS_NAMES[s] ?? s);

/** A day as documents print it: 2026-06-07 → 2026年6月7日. */
export function cnDay(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
