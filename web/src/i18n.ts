// The console's one Chinese message catalogue: enum labels, page titles and every message a clerk reads.

export const ROLE: Record<string, string> = {
  platform_admin: '平台管理员',
  tenant_admin: '县级管理员',
  dispatcher: '信访局（平台）',
  handler: '承办人',
  unit_leader: '单位领导',
  county_leader: '县领导',
};

/** Who did something, as the audit log names them: staff roles plus the citizen and the system. */
export const ACTOR_ROLE: Record<string, string> = { ...ROLE, citizen: '群众', system: '系统' };

export const KIND: Record<string, string> = {
  petition: '信访事项',
  inquiry: '网上问政',
  hotline: '12345 工单',
};

export const CHANNEL: Record<string, string> = {
  web: '网上投诉',
  letter: '来信',
  visit: '来访',
  phone: '电话/12345',
  mailbox: '领导信箱',
  transfer: '上级转送/交办',
};

export const PURPOSE: Record<string, string> = {
  suggestion: '意见建议',
  accusation: '检举控告',
  claim: '申诉求决',
  question: '咨询',
  help: '求助',
  other: '其他',
};

export const UNIT_KIND: Record<string, string> = {
  township: '乡镇/街道',
  department: '县直部门',
  bureau: '信访局',
};

export const CASE_STATUS: Record<string, string> = {
  new: '待分派',
  routed: '已转送',
  in_progress: '办理中',
  replied: '已答复',
  closed: '已办结',
  rated: '已评价',
  self_handled: '平台自办',
  merged: '已合并',
};

export const ASSIGNMENT_STATE: Record<string, string> = {
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
};

export const REPLY_STATUS: Record<string, string> = {
  draft: '草稿',
  pending_review: '待领导审核',
  approved: '审核通过',
  rejected: '审核退回',
  sent: '已答复群众',
};

export const RATING: Record<string, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

export const LIGHT: Record<string, string> = { green: '正常', yellow: '临期', red: '逾期' };

export const STEP: Record<string, string> = {
  sign: '签收',
  accept: '受理',
  reply: '答复',
  supervision: '督办',
};

export const ASSIGNMENT_ROLE: Record<string, string> = { lead: '主办', co: '协办' };

export const PUBLISH_STATUS: Record<string, string> = {
  none: '不公开',
  pending: '待发布',
  published: '已发布',
  withheld: '不予公开',
};

/** Assignment moves as the console names them (the API path segment → label). */
export const MOVE: Record<string, string> = {
  sign: '签收',
  accept: '受理',
  refuse: '不予受理',
  return: '申请退件',
  'approve-return': '同意退件',
  'reject-return': '驳回退件',
  'request-extension': '申请延期',
  'approve-extension': '批准延期',
  'deny-extension': '不予延期',
  reply: '保存答复草稿',
  'submit-reply': '提交领导审核',
  'approve-reply': '审核通过',
  'reject-reply': '审核退回',
  'send-reply': '答复群众',
  close: '办结',
  reopen: '重办',
  supervise: '督办',
  urge: '催办',
  rate: '回访评价',
};

/** Case-level actions. */
export const CASE_ACTION: Record<string, string> = {
  route: '转送/交办',
  'self-handle': '平台自办',
  merge: '合并重复件',
  publish: '发布答复',
  withhold: '不予公开',
  'answer-review': '录入复查意见',
  reveal: '查看完整号码',
};

export const EVENT: Record<string, string> = {
  'case.created': '登记',
  'case.registered': '登记',
  'case.submitted': '群众提交',
  'case.routed': '转送/交办',
  'case.self_handled': '平台自办',
  'case.merged': '合并',
  'case.published': '答复已发布',
  'case.withheld': '不予公开',
  'case.revealed': '查看完整号码',
  'case.review_requested': '申请复查',
  'case.review_answered': '复查意见',
  'case.rework_requested': '申请重办',
  'assignment.dispatched': '转送至单位',
  'assignment.signed': '签收',
  'assignment.accepted': '受理',
  'assignment.refused': '不予受理',
  'assignment.return_requested': '申请退件',
  'assignment.return_approved': '同意退件',
  'assignment.return_rejected': '驳回退件',
  'assignment.extension_requested': '申请延期',
  'assignment.extension_approved': '批准延期',
  'assignment.extension_denied': '不予延期',
  'assignment.reply_drafted': '拟写答复',
  'assignment.reply_submitted': '答复提交审核',
  'assignment.reply_approved': '答复审核通过',
  'assignment.reply_rejected': '答复审核退回',
  'assignment.replied': '答复群众',
  'assignment.closed': '办结',
  'assignment.rated': '群众评价',
  'assignment.rating_expired': '超期未评',
  'assignment.reopened': '重办',
  'assignment.supervised': '督办',
  'assignment.urged': '催办',
  'assignment.overdue': '逾期',
};

export const DAY_UNIT: Record<string, string> = { natural: '自然日', working: '工作日' };

export const MSG = {
  appName: '民声 · 工作台',
  loading: '正在加载…',
  saving: '正在保存…',
  saved: '已保存',
  empty: '暂无记录',
  retry: '重试',
  cancel: '取消',
  confirm: '确定',
  close: '关闭',
  save: '保存',
  search: '查询',
  reset: '重置',
  prev: '上一页',
  next: '下一页',
  first: '第一页',
  logout: '退出登录',
  login: '登录',
  loginTitle: '工作人员登录',
  loginName: '登录名',
  password: '密码',
  loginFailed: '登录失败',
  sessionExpired: '登录已超时，请重新登录。您刚才填写的内容已保留，登录后可继续。',
  networkError: '网络连接失败，请检查网络后重试。操作未提交，请稍后重试。',
  serverError: '服务器暂时无法处理，请稍后再试。',
  forbidden: '当前账号无权执行此操作。',
  auditForbidden: '审计日志仅限本县管理员查看，当前账号无权查看。',
  notFound: '未找到该记录，或您无权查看。',
  notAvailable: '该功能的统计接口尚未开通（服务器返回 404），请稍后再来或联系管理员。',
  stale: '该件已被他人处理，页面已刷新为最新情况。',
  rateLimited: '操作过于频繁，请稍候再试。',
  required: (what: string) => `请填写${what}`,
  emptyReason: '请填写理由，理由不能为空。',
  emptyReply: '答复内容不能为空，请填写答复意见。',
  chooseUnit: '请至少选择一个承办单位，并指定一个主办单位。',
  oneLead: '只能有一个主办单位。',
  phoneInvalid: '电话号码格式不正确（手机号为 11 位，固话请带区号）。',
  unsavedDraft: '已恢复您上次未提交的内容。',
  noTenant: '请先选择要进入的县区。',
  dashNoData: '所选期间没有数据。',
  rateNull: '—',
} as const;

export const label = (table: Record<string, string>, key: string | null | undefined) =>
  key ? (table[key] ?? key) : '';
