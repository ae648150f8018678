// The registration slip (登记回执) a visitor takes home or a letter writer gets by post: the case
// number and the query code and secret that let them follow the case on the portal, rate the
// answer and ask for a review. The secret is shown once, right after registration (the server
// keeps only its hash), so the slip is made here from the registration's answer and held in
// memory only until the case page has shown it.
import { casePaper, escapeHtml } from '../../../workers/lib/print';
import { CHANNEL_NAMES, cnDay } from '../../../workers/domain/labels';
import type { CaseDetail } from './api';
import { day } from './format';

export interface Credentials {
  queryCode: string;
  secret: string;
}

const held = new Map<string, Credentials>();

/** Keeps a new case's credentials for the case page that opens next. */
export function holdCredentials(caseId: string, creds: Credentials): void {
  held.set(caseId, creds);
}

/** The credentials of a case just registered, once: a second call answers null. */
export function takeCredentials(caseId: string): Credentials | null {
  const c = held.get(caseId) ?? null;
  held.delete(caseId);
  return c;
}

/** The slip as an A4 page, issued by the bureau. */
export function receiptHtml(
  c: CaseDetail['case'],
  creds: Credentials,
  opts: { bureau: string; portalUrl: string; now?: number },
): string {
  const cn = (ms: number) => cnDay(day(ms));
  const to = c.petitioner?.anonymous || !c.petitioner?.name ? '信访人' : c.petitioner.name;
  const routeBy = c.routeDueAt ? `，将于${cn(c.routeDueAt - 1)}前转送有权处理的机关办理` : '';
  return casePaper({
    number: c.number,
    title: '信访事项登记回执',
    org: opts.bureau,
    date: cn(opts.now ?? Date.now()),
    to,
    style: `
table.codes { margin: 4mm auto; border-collapse: collapse; font-size: 14pt; }
table.codes th, table.codes td { border: 1px solid #000; padding: 2mm 5mm; }
table.codes td { font-family: "SimHei", "黑体", monospace; letter-spacing: .15em; }`,
    body: `<p>您于${cn(c.receivedAt)}通过${escapeHtml(CHANNEL_NAMES[c.channel] ?? c.channel)}反映的“${escapeHtml(
      c.title,
    )}”事项，我局已登记${routeBy}，办理结果将书面答复您。</p>
<p>您可以登录网上信访平台 ${escapeHtml(opts.portalUrl)}，在“办理查询”中凭下列查询码和查询密码查看办理进度和答复，对办理结果进行评价；对答复不服的，可以在网上申请复查。</p>
<table class="codes"><tr><th scope="row">查询码</th><td>${escapeHtml(creds.queryCode)}</td></tr>
<tr><th scope="row">查询密码</th><td>${escapeHtml(creds.secret)}</td></tr></table>
<p>查询密码只在本回执上出现一次，请妥善保管，不要告诉他人。</p>`,
  });
}
