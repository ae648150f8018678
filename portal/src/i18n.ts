// Every word the portal shows, in 简体中文, and the date formats. One catalogue so wording stays
// consistent and can be reviewed by the bureau in one place.

import { PURPOSE_NAMES } from '../../workers/domain/labels';

export type Kind = 'petition' | 'inquiry';
export type Purpose = 'suggestion' | 'accusation' | 'claim' | 'question' | 'help' | 'other';
export type RatingValue = 'satisfied' | 'basic' | 'unsatisfied';

export const M = {
  appName: '网上信访与问政',
  skip: '跳到主要内容',
  nav: {
    label: '主要栏目',
    home: '首页',
    petition: '我要投诉',
    inquiry: '我要问政',
    track: '办理查询',
    board: '问政公开',
  },
  loading: '正在加载…',
  loadFailed: '页面数据加载失败，请检查网络后刷新重试。',
  retry: '重试',
  notFound: { title: '页面不存在', body: '您访问的页面不存在或已移动。', back: '返回首页' },
  noCounty: '未找到该县（区）的网上信访平台，请核对网址。',
  noCountyTitle: '未找到该县（区）',
  loadFailedTitle: '页面暂时无法打开',
  countyList: '选择您所在的县（区）',
  footer: (name: string) =>
    `${name ? `${name} · ` : ''}本平台由县（区）信访部门运行。紧急情况请拨打 110，咨询可拨打 12345。`,

  closed: {
    title: '本县区网上信访和问政尚未开通',
    text: '暂时不能在网上提交。如有问题，请通过来信、来访或拨打 12345 热线反映；已提交的事项仍可凭查询码查询办理进度。',
  },
  home: {
    doorsLabel: '我要反映',
    petitionTitle: '我要投诉 / 信访',
    petitionText: '反映问题、检举控告、申诉求决。内容不公开，只有办理部门能看到。',
    inquiryTitle: '我要问政',
    inquiryText: '向政府部门提问或提建议。经审核后，问题和答复可在网上公开。',
    trackTitle: '查询办理进度',
    trackText: '提交后会得到查询码和查询密码，凭此可随时查看办理进度、答复并进行评价。',
    trackLink: '去查询',
    recent: '最近公开的问政答复',
    more: '查看全部问政答复',
    none: '暂无公开的答复。',
    recentFailed: '最近公开的答复没有加载出来，请检查网络后重试。',
    notice: '公告',
  },

  kinds: { petition: '投诉 / 信访（不公开）', inquiry: '问政（可公开）' } as Record<Kind, string>,
  kindShort: { petition: '投诉 / 信访', inquiry: '问政' } as Record<Kind, string>,
  purposes: PURPOSE_NAMES as Record<Purpose, string>,

  submit: {
    titlePetition: '我要投诉 / 信访',
    titleInquiry: '我要问政',
    intro: '带 * 的为必填项。填写内容会自动保存在本机，刷新页面不会丢失。',
    restored: (kind: string) => `已恢复您上次未提交完的内容（${kind}）。`,
    clearDraft: '清空重填',
    confirmClear: '确定清空已填写的全部内容吗？',
    required: '（必填）',
    kind: '反映类型',
    purpose: '诉求目的',
    category: '内容分类',
    categoryFilter: '输入关键字筛选分类',
    categoryFilterHint: '例如输入“道路”“医保”，下方列表只显示相关分类。',
    categoryNone: '不确定（由工作人员分类）',
    categoryCount: (n: number) => (n ? `找到 ${n} 个分类` : '没有找到相关分类，可清空关键字后选择'),
    township: '所在乡镇（街道）',
    townshipNone: '请选择（选填）',
    address: '详细地址',
    addressHint: '事情发生的具体地点，如村组、小区、路名。',
    title: '标题',
    titleHint: '用一句话概括，4–60 个字。',
    content: '具体内容',
    contentHint: '请写清楚时间、地点、经过和您的诉求，10–5000 个字。',
    counter: (n: number, max: number) => `已输入 ${n} 字，最多 ${max} 字`,
    name: '姓名',
    anonymous: '匿名反映（不填写姓名）',
    anonymousHint: '匿名时仍需留下电话，以便告知办理结果。',
    phone: '联系电话',
    phoneHint: '手机号或带区号的固定电话，只用于联系您，不会公开。',
    idNumber: '身份证号（选填）',
    idNumberHint: '填写后有助于合并办理同一事项，不会公开，也不会保存在本机草稿中。',
    isPublic: '是否公开',
    publicYes: '同意公开（推荐）：问题和答复在问政栏目展示，不显示您的姓名和电话',
    publicNo: '不公开：只有您本人能看到答复',
    files: '附件（选填）',
    chooseFiles: '＋ 选择照片或文件',
    filesHint: '可上传照片或 PDF 文件，最多 6 个，每个不超过 10 MB。照片会自动压缩后上传。',
    fileUploading: (p: number) => `正在上传 ${p}%`,
    fileShrinking: '正在压缩照片…',
    fileDone: '已上传',
    fileFailed: '上传失败',
    fileRetry: '重新上传',
    fileRemove: (name: string) => `删除 ${name}`,
    remove: '删除',
    fileTooMany: '附件最多 6 个，多出的文件未添加。',
    fileTooBig: (name: string) => `“${name}”超过 10 MB，请压缩后再上传。`,
    fileBadType: (name: string) => `“${name}”不是照片或 PDF 文件。只能上传 JPG、PNG、WebP 照片或 PDF 文件。`,
    honeypot: '请勿填写此项',
    captchaWorking: '正在进行安全验证，请稍候…',
    captchaDone: '安全验证已完成。',
    captchaFailed: '安全验证未完成，提交时将自动重试。',
    send: '提交',
    sending: '正在提交，请勿关闭页面…',
    waitUploads: '请等待附件上传完成后再提交。',
    uploadFailedBlock: '有附件上传失败，请重新上传或删除后再提交。',
    errorsTitle: (n: number) => `有 ${n} 处需要修改：`,
    networkRetry: '网络不稳定，提交可能未完成。请稍后再点“提交”，不会重复提交。',
    serverRetry: '服务器暂时没有正常响应，提交可能未完成。请稍后再点“提交”，不会重复提交。',
    consent: '提交即表示您承诺所反映内容真实，并同意工作人员为办理本事项使用您的联系方式。',
  },
  v: {
    kind: '请选择反映类型',
    purpose: '请选择诉求目的',
    accusationPublic: '检举控告不能作为公开问政，请改为“我要投诉 / 信访”提交',
    titleShort: '标题至少 4 个字',
    titleLong: '标题不能超过 60 个字',
    contentShort: '内容至少 10 个字，请写清楚事情经过和诉求',
    contentLong: '内容不能超过 5000 个字',
    name: '请填写姓名，或选择匿名反映',
    nameNoAnonymous: '请填写姓名（此类事项须实名反映）',
    nameLong: '姓名不能超过 30 个字',
    phone: '请填写联系电话，以便告知办理结果',
    phoneBad: '联系电话格式不正确，请填写 11 位手机号或带区号的固定电话',
    idNumberBad: '身份证号不正确，请核对 18 位号码',
    addressLong: '地址不能超过 200 个字',
  },

  receipt: {
    title: '提交成功',
    lead: '您反映的事项已提交。请记下或打印以下信息，凭查询码和查询密码查询办理进度、查看答复并评价。',
    number: '登记编号',
    queryCode: '查询码',
    secret: '查询密码',
    submittedAt: '提交时间',
    keep: '查询密码只在提交后显示：关闭本页或 1 小时后，本机不再显示。请记下或打印本回执，不要告诉他人；工作人员不会向您索要查询密码。',
    keepPrint: '请妥善保管本回执，查询密码不要告诉他人；工作人员不会向您索要查询密码。',
    trackAt: '查询网址',
    nextBy: (due: string) =>
      `接下来：信访部门应于 ${due} 前把您反映的事项转交办理单位，办理单位在规定期限内受理和答复。各环节的期限和答复，凭查询码和查询密码随时可查。`,
    next: '接下来：信访部门将把您反映的事项转交办理单位，办理单位在规定期限内受理和答复。各环节的期限和答复，凭查询码和查询密码随时可查。',
    print: '打印回执',
    track: '查询办理进度',
    forget: '从本机清除此回执',
    forgetConfirm: '清除后本机将不再显示这份回执，请确认已记下查询码和查询密码。',
    others: '本次还提交了',
    show: (n: string) => `查看回执 ${n}`,
    noneTitle: '提交回执',
    none: '本机没有可显示的回执（回执只在提交后 1 小时内、在同一页面中显示）。如已提交，请凭查询码和查询密码查询。',
    printTitle: (county: string) => `${county} 网上信访与问政 · 提交回执`,
  },

  track: {
    title: '办理查询',
    lead: '请输入提交后得到的查询码和查询密码。',
    queryCode: '查询码',
    secret: '查询密码',
    needCode: '请输入查询码',
    needSecret: '请输入查询密码',
    codeHint: '回执上的 10 位字母和数字，不区分大小写。',
    codeConfusable: '查询码里没有数字 0、1 和字母 O、I、L，请对照回执再核对一下。',
    codeLetters: '查询码只由字母和数字组成，请对照回执核对。',
    codeLength: (n: number) => `查询码是 10 位，您输入了 ${n} 位，请对照回执核对。`,
    secretFormat: '查询密码是 6 位数字，请对照回执核对。',
    go: '查询',
    going: '正在查询…',
    another: '查询其他事项',
    status: '当前状态',
    content: '反映内容',
    timeline: '办理过程',
    replies: '答复',
    noReplies: '尚未答复。办理单位答复后会显示在这里。',
    replyFrom: (unit: string) => `${unit}的答复`,
    printReply: (unit: string) => `打印答复意见书（${unit}）`,
    printReplyShort: '打印答复意见书',
    paperBlocked: '浏览器没有打开新窗口（可能拦截了弹出窗口）。请点下面的链接打开答复意见书后打印。',
    paperOpen: '打开答复意见书',
    rateTitle: '评价',
    rateLead: (due: string) => `请对办理情况作出评价，评价截止到 ${due}。`,
    rateUnit: (unit: string) => `对${unit}的评价`,
    rateBureau: '对信访部门（受理转办）的评价',
    rateBureauHint: '选填',
    comment: '评价意见（选填）',
    rateSend: '提交评价',
    rateNeedAll: '请为每个承办单位选择评价',
    rated: '感谢您的评价。',
    given: '您的评价',
    requestTitle: '对处理结果不满意？',
    leadRework: '您可以申请重新办理。',
    leadReworkFirst: '如希望重新办理，请先在上方评价中选择“不满意”。',
    leadKept: '信访部门经审查，维持原答复。',
    leadReview: (by: string) => `如不服答复意见，可在${by}前申请复查。`,
    leadReexamine: (by: string) => `如不服复查意见，可在${by}前申请复核。`,
    requestKind: '申请类型',
    rework: '申请重新办理',
    review: '申请复查',
    reexamine: '申请复核',
    reworkPending:
      '您已申请重新办理，信访部门正在审查，处理后会显示在办理过程中。申请复查的期限不因此中止，如对答复不服，仍可在期限内申请复查。',
    reviewTitle: (level: number) => (level >= 2 ? '复查和复核意见' : '复查意见'),
    reviewPending: (level: number, by: string) =>
      `您的${level >= 2 ? '复核' : '复查'}申请已收到，信访部门将在${by}前出具意见。`,
    reviewAnswer: (level: number, revised: boolean) =>
      `${level === 2 ? '复核' : '复查'}意见：${revised ? '撤销或变更原处理意见' : '维持原处理意见'}`,
    reason: '理由',
    reasonHint: '请说明不满意的原因，5–1000 个字。',
    reasonShort: '请填写理由，至少 5 个字',
    reasonLong: '理由不能超过 1000 个字',
    commentLong: '评价意见不能超过 500 个字',
    requestSend: '提交申请',
    requested: '您的申请已提交，信访部门将依规处理。',
    progress: {
      title: '办理期限',
      routeDue: (due: string) => `信访部门应于 ${due} 前把您反映的事项转交办理单位。`,
      after: '办理单位作出答复后，答复会显示在本页，您可以查看并评价。',
    },
    merged: {
      title: '合并办理',
      lead: (n: string) =>
        `您反映的事项与编号 ${n} 的事项是同一事项，已并入该件一并办理，办理进度以该件为准。`,
      number: '合并到的事项编号',
      status: '该件当前状态',
      routeDue: (due: string) => `信访部门应于 ${due} 前将该件转交办理单位。`,
      units: '办理单位和期限',
      co: '（协办）',
      accept: (due: string) => `已转交，应于 ${due} 前决定是否受理`,
      reply: (due: string) => `正在办理，应于 ${due} 前答复`,
      replied: (at: string) => `已于 ${at} 答复`,
      closed: '已办结',
      refused: '决定不予受理',
      yours:
        '如果该件是您本人此前反映的，请用该件的查询码和查询密码查询，在那里查看答复、打印答复意见书、评价或申请复查。',
      otherPerson: '答复是写给该件反映人的，可能含有其个人信息，因此不在这里显示。',
      howToGet:
        '如需了解答复内容，请携带本人身份证件和查询码，到县（区）信访部门询问，或拨打 12345 热线咨询。',
      noRating:
        '这份答复由该件的反映人评价。每份答复只评价一次并计入办理单位的满意率，因此您不能在这里评价；如对办理结果有意见，可向信访部门反映。',
      replies: (n: string) => `答复在编号 ${n} 的事项中作出，不在这里显示（见上方“合并办理”中的说明）。`,
    },
  },
  statuses: {
    new: '已收到，等待分派',
    routed: '已转交办理单位',
    in_progress: '正在办理',
    replied: '已答复',
    closed: '已办结',
    rated: '已评价',
    self_handled: '信访部门直接办理',
    merged: '已合并办理',
  } as Record<string, string>,
  ratings: { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' } as Record<RatingValue, string>,

  board: {
    title: '问政公开',
    lead: '群众提出的问题和政府部门的答复。只公开经审核的内容，不显示提问人的个人信息。',
    search: '搜索',
    q: '关键字',
    qHint: '可搜索标题、问题和答复中的文字。',
    category: '分类',
    unit: '答复单位',
    all: '全部',
    go: '搜索',
    count: (n: number, more: boolean) =>
      n === 0 ? '没有找到相关问答。' : more ? `已显示 ${n} 条，还有更多。` : `共 ${n} 条。`,
    more: '加载更多',
    loadingMore: '正在加载…',
    asked: '提问时间',
    answered: '答复时间',
    answeredBy: '答复单位',
    number: '编号',
    question: '问题',
    answer: '答复',
    back: '返回问政公开',
    missing: '该问答不存在或尚未公开。',
  },

  errors: {
    network: '网络连接失败，请检查网络后重试。',
    timeout: '网络太慢，请求超时，请稍后重试。',
    server: '服务器暂时出了问题，请稍后重试。',
    unavailable: '服务暂时不可用，请稍后重试。',
    tooLarge: '提交的内容或文件过大，请压缩照片、减少附件后重试。',
    refused: '请求被拒绝，请稍后重试；如一直如此，请换用其他网络或拨打 12345 反映。',
    gone: '请求的内容不存在，请刷新页面后重试。',
    status: (status: number) => `请求没有成功（错误代码 ${status}），请稍后重试。`,
    rateLimited: (wait: string) => `操作过于频繁，请 ${wait}后再试。`,
  },
};

export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`;
  return `${Math.ceil(seconds / 3600)} 小时`;
}

let timeZone = 'Asia/Shanghai';
export const setTimeZone = (tz: string) => {
  timeZone = tz;
};

function parts(ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (const p of fmt.formatToParts(new Date(ms))) out[p.type] = p.value;
  } catch {
    const d = new Date(ms);
    Object.assign(out, {
      year: String(d.getFullYear()),
      month: String(d.getMonth() + 1),
      day: String(d.getDate()),
      hour: String(d.getHours()).padStart(2, '0'),
      minute: String(d.getMinutes()).padStart(2, '0'),
    });
  }
  return out;
}

/** 2026年3月2日 */
export function fmtDate(ms: number): string {
  const p = parts(ms);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** 2026年3月2日 09:05 */
export function fmtDateTime(ms: number): string {
  const p = parts(ms);
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** The last day a deadline instant allows (a deadline is 24:00 of its last day). */
export function fmtDueDay(ms: number): string {
  return fmtDate(ms - 1);
}
