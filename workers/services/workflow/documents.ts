// The papers of an assignment, printed on A4 as county offices file and mail them: the 交办单 the
// unit files, the 受理告知书 / 不予受理告知书 the citizen is owed in writing (信访工作条例 art. 32),
// and the 答复意见书 with the citizen's right to a review (art. 35). Letters and visits have no
// portal: these go by post or by hand. Each is built from the case as this person sees it
// (caseDetail), and names the petitioner only as every hand the paper passes through may know them
// (petitionerOnPaper): on a 检举控告 the unit never learns who the accuser is.
import { and, desc, eq } from 'drizzle-orm';
import { assignments, categories, events } from '../../../db/schema';
import type { Actor, ServiceCtx } from '../../api/context';
import { localDay } from '../../domain/calendar';
import { dayRuleText } from '../../domain/deadlines';
import { reviewApplies } from '../../domain/review';
import { CHANNEL_NAMES, cnDay, KIND_NAMES, PURPOSE_NAMES } from '../../domain/labels';
import { conflict, notFound } from '../../lib/errors';
import { casePaper, escapeHtml, PRINT_SCRIPT } from '../../lib/print';
import { bureauUnit, isUnitRole } from './common';
import { loadAssignment } from './moves';
import { loadCase } from './routing';
import { caseDetail, caseView } from './views';

/** A clause typed by a clerk, ended as a sentence. */
const sentence = (s: string) => (/[。！？.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}。`);

export const CASE_DOCUMENTS = ['dispatch', 'decision', 'reply', 'supervision'] as const;
export type CaseDocument = (typeof CASE_DOCUMENTS)[number];

const STYLE = `
table.form { width: 100%; border-collapse: collapse; font-size: 11pt; line-height: 1.5; }
table.form th, table.form td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
table.form th { width: 28mm; font-weight: normal; font-family: "SimHei", "黑体", "Heiti SC", sans-serif; }
table.form td.long { height: 40mm; white-space: pre-wrap; }
p.body { white-space: pre-wrap; }
.cut { margin-top: 8mm; border-top: 1px dashed #000; padding-top: 2mm; font-size: 10pt; text-indent: 0; }
`;

/** The papers a citizen may print from the portal: the ones addressed to them. */
export const CITIZEN_DOCUMENTS = ['decision', 'reply'] as const;

/**
 * Who each paper is for: the unit files the 交办单 (its stub signed and returned) and the 督办单;
 * the citizen is sent the 告知书 and the 答复意见书.
 */
export const PAPER_READER: Readonly<Record<CaseDocument, 'unit' | 'citizen'>> = {
  dispatch: 'unit',
  supervision: 'unit',
  decision: 'citizen',
  reply: 'citizen',
};

/**
 * The petitioner as a paper may name them: as the unit sees the case on a paper for the unit, who
 * ever prints it (the bureau's print of a 交办单 is the one the unit receives: on a 检举控告 it hides
 * the accuser too); on a paper for the citizen, the citizen's own name, unless the one printing it
 * may not know it (a unit on a 检举控告 prints it to "信访人").
 */
function petitionerOnPaper(
  printer: Actor,
  c: NonNullable<Awaited<ReturnType<typeof loadCase>>>,
  unitId: string,
  kind: CaseDocument,
): { hidden: boolean; name: string | null; phone: string | null; anonymous: boolean } {
  // the case as a member of the unit sees it
  if (PAPER_READER[kind] === 'unit') return caseView({ ...printer, role: 'handler', unitId }, c).petitioner;
  // the citizen printing their own paper from the portal is the one it names
  if (printer.kind === 'citizen')
    return { hidden: false, name: c.petitionerName, phone: null, anonymous: c.anonymous };
  return caseView(printer, c).petitioner;
}

/**
 * A paper addressed to the citizen, asked for with the case's query code and secret (the caller
 * found the case by them): only an assignment of that case, only the papers owed to the citizen.
 */
export async function citizenDocumentHtml(
  ctx: ServiceCtx,
  caseId: string,
  assignmentId: string,
  kind: (typeof CITIZEN_DOCUMENTS)[number],
) {
  const row = await loadAssignment(ctx, assignmentId);
  if (!row || row.caseId !== caseId) throw notFound('批转件');
  return withPrintButton(await caseDocumentHtml(ctx, assignmentId, kind));
}

// The citizen opens the paper on a phone, where a browser's print command is hard to find: the
// page carries its own 打印 button (not printed), fits a narrow screen, and prints itself when
// opened for printing (its address ends in #print).
const PRINT_BAR_STYLE = `
.print-bar { position: sticky; top: 0; z-index: 1; display: flex; gap: 12px; align-items: center;
  justify-content: center; padding: 8px 12px; background: #fff; border-bottom: 1px solid #ccc;
  font: 16px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; }
.print-bar button { min-height: 44px; padding: 0 24px; font: inherit; font-weight: 700; color: #fff;
  background: #8a1c1c; border: 0; border-radius: 6px; cursor: pointer; }
.print-bar button:focus-visible { outline: 3px solid #1a56db; outline-offset: 2px; }
@media screen and (max-width: 220mm) {
  .sheet { width: auto; min-height: 0; margin: 0; padding: 16px; box-shadow: none; }
}
@media print { .print-bar { display: none; } }`;

const PRINT_BAR = `<div class="print-bar"><button type="button">打印</button></div>
<script>${PRINT_SCRIPT}</script>
`;

function withPrintButton(html: string): string {
  return html.replace('</style>', `${PRINT_BAR_STYLE}</style>`).replace('<body>\n', `<body>\n${PRINT_BAR}`);
}

/** The county's government by the tenant's name: 青禾县 → 青禾县人民政府 (a name that already says so stays). */
export const countyGovernment = (tenantName: string) =>
  /人民政府$/.test(tenantName) ? tenantName : `${tenantName}人民政府`;

/** One of an assignment's papers as an A4 HTML page. */
export async function caseDocumentHtml(ctx: ServiceCtx, assignmentId: string, kind: CaseDocument) {
  const { db, tenant, actor } = ctx;
  const row = await loadAssignment(ctx, assignmentId);
  // a unit prints its own papers only; another unit's assignment is as unknown as a wrong id
  if (!row || (isUnitRole(actor) && actor.unitId !== row.unitId)) throw notFound('批转件');
  const detail = await caseDetail(ctx, row.caseId);
  const a = detail.assignments.find((x) => x.id === assignmentId)!;
  const c = detail.case;
  const petitioner = petitionerOnPaper(actor, (await loadCase(ctx, row.caseId))!, row.unitId, kind);
  const tz = ctx.settings.timeZone;
  const day = (ms: number) => cnDay(localDay(ms, tz));
  /** a deadline is 24:00 of its last day: that day is what the paper names */
  const lastDay = (ms: number) => cnDay(localDay(ms - 1, tz));
  const unitName = a.unitName ?? '';
  const bureauRow = await bureauUnit(ctx);
  const bureau = bureauRow?.name;
  const to = petitioner.hidden || petitioner.anonymous || !petitioner.name ? '信访人' : petitioner.name;
  const matter = `您于${day(c.receivedAt)}反映的“${escapeHtml(c.title)}”事项`;
  /**
   * A paper issued by `org` on the day of `at`: its title and number, the addressee if it is a
   * letter, its text, the issuer and date at the foot, and a stub below it to cut off and return.
   */
  const page = ({
    at,
    ...p
  }: {
    title: string;
    org: string;
    at: number;
    to?: string;
    body: string;
    stub?: string;
  }) => casePaper({ ...p, number: c.number, date: day(at), style: STYLE });

  if (kind === 'dispatch') {
    if (row.unitId === bureauRow?.id) throw conflict('平台自办件没有交办单');
    // the category as the tree names it: 农村农业 / 土地承包
    const cats = await db
      .select({ id: categories.id, name: categories.name, parentId: categories.parentId })
      .from(categories)
      .where(eq(categories.tenantId, tenant.id));
    const leaf = cats.find((x) => x.id === c.categoryId);
    const parent = cats.find((x) => x.id === leaf?.parentId);
    const category = leaf ? [parent?.name, leaf.name].filter(Boolean).join(' / ') : null;
    const who = petitioner.hidden
      ? '（检举控告件，信访人身份保密）'
      : petitioner.anonymous
        ? '匿名'
        : [petitioner.name, petitioner.phone].filter(Boolean).join('　');
    const rows: [string, string | null | undefined][] = [
      ['承办单位', `${unitName}（${a.role === 'lead' ? '主办' : '协办'}）`],
      ['交办时间', day(a.dispatchedAt)],
      [
        '类　　型',
        `${KIND_NAMES[c.kind] ?? c.kind} · ${CHANNEL_NAMES[c.channel] ?? c.channel} · ${PURPOSE_NAMES[c.purpose] ?? c.purpose}`,
      ],
      ['内容分类', category],
      ['信 访 人', who],
      ['人　　数', String(c.peopleCount)],
      ['地　　址', c.address],
      ['标　　题', c.title],
    ];
    const due = [
      a.signDueAt ? `${lastDay(a.signDueAt)}前签收` : null,
      a.acceptDueAt ? `${lastDay(a.acceptDueAt)}前作出是否受理的决定` : null,
      a.replyDueAt ? `${lastDay(a.replyDueAt)}前答复信访人` : '受理后按规定期限答复信访人',
    ].filter(Boolean);
    return page({
      title: '信访事项交办单',
      org: bureau ?? tenant.name,
      at: a.dispatchedAt,
      body: `<table class="form">
${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${escapeHtml(v ?? '—')}</td></tr>`).join('\n')}
<tr><th scope="row">诉求内容</th><td class="long">${escapeHtml(c.content)}</td></tr>
<tr><th scope="row">交办意见</th><td>${escapeHtml(a.instructions ?? '请按程序办理并及时答复信访人。')}</td></tr>
<tr><th scope="row">办理时限</th><td>${due.map(escapeHtml).join('；')}。</td></tr>
</table>`,
      stub: `
<p class="cut">（沿此线剪下，签收后交回${escapeHtml(bureau ?? '信访部门')}）<br>回　执：编号 ${escapeHtml(c.number)}，${escapeHtml(
        unitName,
      )}已收到本交办单。<br>签收人：__________　　签收时间：______年____月____日____时</p>`,
    });
  }

  if (kind === 'decision') {
    if (a.state === 'refused')
      return page({
        title: '不予受理告知书',
        org: unitName,
        at: a.decidedAt ?? ctx.clock.now(),
        to,
        body: `<p>${matter}，经审查，${escapeHtml(sentence(a.refuseReason ?? ''))}</p>
<p class="body">${escapeHtml(a.refuseNotice ?? '')}</p>
<p>特此告知。</p>`,
      });
    if (!a.decidedAt || ['dispatched', 'return_requested', 'returned', 'signed'].includes(a.state))
      throw conflict('该件尚未作出是否受理的决定，没有告知书');
    return page({
      title: '受理告知书',
      org: unitName,
      at: a.decidedAt,
      to,
      body: `<p>${matter}，我单位已于${day(a.decidedAt)}依法受理${
        a.replyDueAt ? `，将于${lastDay(a.replyDueAt)}前办结并书面答复您` : ''
      }。</p>
<p>特此告知。</p>`,
    });
  }

  if (kind === 'supervision') {
    // the latest 督办 of this assignment: its note and the deadline it set
    const ev = (
      await db
        .select({ at: events.at, payload: events.payload })
        .from(events)
        .where(
          and(
            eq(events.tenantId, tenant.id),
            eq(events.assignmentId, a.id),
            eq(events.type, 'assignment.supervised'),
          ),
        )
        .orderBy(desc(events.id))
        .limit(1)
    )[0];
    if (!ev) throw conflict('该件未被督办，没有督办单');
    const p = (ev.payload ?? {}) as { note?: string; dueAt?: number | null };
    const dueAt = p.dueAt ?? a.replyDueAt;
    const org = bureau ?? tenant.name;
    return page({
      title: '信访事项督办单',
      org: org,
      at: ev.at,
      to: unitName,
      body: `<p>${day(a.dispatchedAt)}交办你单位的“${escapeHtml(c.title)}”信访事项（编号 ${escapeHtml(c.number)}），现予督办：${escapeHtml(sentence(p.note ?? ''))}</p>
<p>请${dueAt ? `于${lastDay(dueAt)}前` : '抓紧'}办结，依法答复信访人，并将办理结果报送${escapeHtml(org)}。</p>`,
    });
  }

  const reply = [...detail.replies].reverse().find((r) => r.assignmentId === a.id && r.status === 'sent');
  if (!reply?.sentAt) throw conflict('该件尚未答复，没有答复意见书');
  // 复查 is the 信访 procedure's (条例 art. 35); a 问政 or 12345 answer is rated, and may be redone
  const further = reviewApplies(c.kind)
    ? `<p>如对本答复意见不服，可以自收到本意见书之日起 ${dayRuleText(ctx.settings.deadlines.reviewWindow)}内${
        // 条例 art. 35: the 复查 is the original handler's higher body's. Of a unit that is the bureau
        // (for the county); of the bureau's own answer (平台自办), the county government.
        row.unitId === bureauRow?.id
          ? `请求${escapeHtml(countyGovernment(tenant.name))}复查（可通过网上信访平台凭查询码提出）`
          : `请求复查（可通过网上信访平台凭查询码提出，或向${escapeHtml(bureau ?? '县信访局')}提出）`
      }。</p>`
    : '<p>如对本答复不满意，可凭查询码在网上评价时选择“不满意”，由信访部门审查是否重新办理。</p>';
  return page({
    title: `${KIND_NAMES[c.kind] ?? '信访事项'}答复意见书`.replace(' ', ''),
    org: unitName,
    at: reply.sentAt,
    to,
    body: `<p>${matter}${a.decidedAt ? `，我单位已于${day(a.decidedAt)}受理` : ''}。现答复如下：</p>
<p class="body">${escapeHtml(reply.body)}</p>
${further}`,
  });
}

/**
 * The bureau's written 复查 (or 复核) opinion to the citizen (复查意见书 / 复核意见书): the latest
 * one recorded on the case, or the one of `level`. The bureau's paper, as the opinion is its own:
 * a unit gets no such paper (404, as a case it cannot see).
 */
export async function reviewOpinionHtml(ctx: ServiceCtx, caseId: string, level?: 1 | 2) {
  const { db, tenant, actor } = ctx;
  if (isUnitRole(actor)) throw notFound('案件');
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  const evs = await db
    .select({ type: events.type, at: events.at, payload: events.payload })
    .from(events)
    .where(and(eq(events.tenantId, tenant.id), eq(events.caseId, c.id)))
    .orderBy(desc(events.id));
  const levelOf = (p: unknown) => Number((p as { level?: number } | null)?.level ?? 1);
  const answer = evs.find(
    (e) => e.type === 'case.review_answered' && (level == null || levelOf(e.payload) === level),
  );
  if (!answer)
    throw conflict(
      level === 2 ? '该件尚未录入复核意见，没有复核意见书' : '该件尚未录入复查（复核）意见，没有意见书',
    );
  const p = (answer.payload ?? {}) as { level?: number; decision?: string; opinion?: string };
  const lv = levelOf(p);
  const name = lv === 2 ? '复核' : '复查';
  const asked = evs.find(
    (e) =>
      e.type === 'case.review_requested' &&
      (e.payload as { kind?: string } | null)?.kind === 'review' &&
      e.at <= answer.at &&
      levelOf(e.payload) === lv,
  );
  const tz = ctx.settings.timeZone;
  const day = (ms: number) => cnDay(localDay(ms, tz));
  const bureauRow = await bureauUnit(ctx);
  // the bureau's own answer (平台自办) is reviewed by the county government, not by the bureau again
  const selfHandled =
    !!bureauRow &&
    (
      await db
        .select({ id: assignments.id })
        .from(assignments)
        .where(
          and(
            eq(assignments.tenantId, tenant.id),
            eq(assignments.caseId, c.id),
            eq(assignments.unitId, bureauRow.id),
          ),
        )
        .limit(1)
    ).length > 0;
  const org = selfHandled && lv === 1 ? countyGovernment(tenant.name) : (bureauRow?.name ?? tenant.name);
  const who = caseView(actor, c).petitioner;
  const to = who.hidden || who.anonymous || !who.name ? '信访人' : who.name;
  const next =
    lv === 2
      ? '<p>本复核意见为该信访事项的最终意见。信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理。</p>'
      : `<p>如对本复查意见不服，可以自收到本意见书之日起 ${dayRuleText(ctx.settings.deadlines.reviewWindow)}内${
          selfHandled ? '向上一级人民政府请求复核' : '请求复核（可通过网上信访平台凭查询码提出）'
        }。</p>`;
  return casePaper({
    title: `信访事项${name}意见书`,
    org,
    number: c.number,
    date: day(answer.at),
    to,
    style: STYLE,
    body: `<p>您${asked ? `于${day(asked.at)}` : ''}对“${escapeHtml(c.title)}”信访事项（编号 ${escapeHtml(c.number)}）的处理意见不服、提出的${name}申请收悉。经${name}，意见如下：</p>
<p>${name}结论：${p.decision === 'revised' ? '撤销或变更原处理意见' : '维持原处理意见'}。</p>
<p class="body">${escapeHtml(String(p.opinion ?? ''))}</p>
${next}`,
  });
}
