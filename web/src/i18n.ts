// The console's one Chinese message catalogue: enum labels, page titles and every message a clerk reads.

// Roles, states and event names are shared with the server (audit log, exports): one catalogue.
export {
  ACTOR_ROLE_NAMES as ACTOR_ROLE,
  ASSIGNMENT_STATE_NAMES as ASSIGNMENT_STATE,
  CASE_STATUS_NAMES as CASE_STATUS,
  CHANNEL_NAMES as CHANNEL,
  KIND_NAMES as KIND,
  LIGHT_NAMES as LIGHT,
  PURPOSE_NAMES as PURPOSE,
  RATING_NAMES as RATING,
  ROLE_NAMES as ROLE,
} from '../../workers/domain/labels';

export const UNIT_KIND: Record<string, string> = {
  township: '乡镇/街道',
  department: '县直部门',
  bureau: '信访局',
};

export const REPLY_STATUS: Record<string, string> = {
  draft: '草稿',
  pending_review: '待领导审核',
  approved: '审核通过',
  rejected: '审核退回',
  sent: '已答复群众',
};

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
  'keep-answer': '维持答复',
  supervise: '督办',
  urge: '催办',
  rate: '回访评价',
};

/**
 * What the console says once a move went through, one sentence per move (never "<move>完成"):
 * the unit it was made on goes in front, "东山镇：已办结" (moveDone).
 */
export const MOVE_DONE: Record<string, string> = {
  sign: '已签收',
  accept: '已受理',
  refuse: '已决定不予受理',
  return: '已提交退件申请',
  'approve-return': '已同意退件',
  'reject-return': '已驳回退件申请',
  'request-extension': '已提交延期申请',
  'approve-extension': '已批准延期',
  'deny-extension': '已决定不予延期',
  reply: '答复草稿已保存',
  'submit-reply': '答复已提交单位领导审核',
  'approve-reply': '答复已审核通过',
  'reject-reply': '答复已退回修改',
  'send-reply': '已答复群众',
  close: '已办结',
  reopen: '已退回重办',
  'keep-answer': '已维持原答复',
  supervise: '已督办',
  urge: '已催办',
  rate: '回访评价已录入',
};

/** The confirmation of a move, after whom it was made on when that is said: "东山镇：已办结". */
export const moveDone = (move: string, on?: string | null, done = MOVE_DONE[move] ?? '操作已完成') =>
  on?.trim() ? `${on.trim()}：${done}` : done;

/** Case-level actions. */
export const CASE_ACTION: Record<string, string> = {
  route: '转送/交办',
  'self-handle': '平台自办',
  merge: '合并重复件',
  publish: '发布答复',
  withhold: '不予公开',
  'answer-review': '录入复查意见',
  'review-request': '登记复查申请',
  reveal: '查看完整号码',
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
  platformAuditForbidden:
    '平台审计日志仅限平台管理员查看，当前账号无权查看。各县区的操作记录请在本县的审计日志中查看。',
  notFound: '未找到该记录，或您无权查看。',
  notAvailable: '该功能的统计接口尚未开通（服务器返回 404），请稍后再来或联系管理员。',
  stale: '该件已被他人处理，页面已刷新为最新情况。',
  refreshed: '页面已刷新为最新情况。',
  rateLimited: '操作过于频繁，请稍候再试。',
  required: (what: string) => `请填写${what}`,
  emptyReason: '请填写理由，理由不能为空。',
  emptyReply: '答复内容不能为空，请填写答复意见。',
  waitUploads: '附件正在上传，请等上传完成后再提交。',
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
