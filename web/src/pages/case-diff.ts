// After a stale-version conflict (409): what changed between the case as the clerk saw it and as it
// is now, in words, so the screen can say it instead of silently replacing the page.
import { ASSIGNMENT_STATE, CASE_STATUS, REPLY_STATUS } from '../i18n';
import type { CaseDetail } from '../lib/api';
import { dateTime, deadline } from '../lib/format';

export function describeChanges(before: CaseDetail | undefined, after: CaseDetail): string[] {
  if (!before) return [];
  const out: string[] = [];
  if (before.case.status !== after.case.status) {
    out.push(
      `案件状态由“${CASE_STATUS[before.case.status] ?? before.case.status}”变为“${CASE_STATUS[after.case.status] ?? after.case.status}”`,
    );
  }
  for (const a of after.assignments) {
    const b = before.assignments.find((x) => x.id === a.id);
    const name = a.unitName ?? '承办单位';
    if (!b) {
      out.push(`新增承办单位：${name}`);
      continue;
    }
    if (b.state !== a.state)
      out.push(
        `${name}：状态由“${ASSIGNMENT_STATE[b.state] ?? b.state}”变为“${ASSIGNMENT_STATE[a.state] ?? a.state}”`,
      );
    if ((b.replyStatus ?? null) !== (a.replyStatus ?? null)) {
      out.push(
        `${name}：答复由“${REPLY_STATUS[b.replyStatus ?? ''] ?? '无'}”变为“${REPLY_STATUS[a.replyStatus ?? ''] ?? '无'}”`,
      );
    }
    if ((b.pendingExtensionDays ?? null) !== (a.pendingExtensionDays ?? null)) {
      out.push(
        a.pendingExtensionDays ? `${name}：申请延期 ${a.pendingExtensionDays} 天` : `${name}：延期申请已处理`,
      );
    }
    if (b.replyDueAt !== a.replyDueAt && a.replyDueAt)
      out.push(`${name}：答复期限变为 ${deadline(a.replyDueAt)}`);
    if (!b.supervised && a.supervised) out.push(`${name}：已被督办`);
  }
  const seen = new Set(before.timeline.map((e) => String(e.id ?? `${e.type}@${e.at}`)));
  const fresh = after.timeline.filter((e) => !seen.has(String(e.id ?? `${e.type}@${e.at}`)));
  for (const e of fresh.slice(-5))
    out.push(`${dateTime(e.at)} ${e.actorName ?? ''} ${e.text ?? e.type}`.trim());
  if (out.length === 0) out.push('办理记录已更新');
  return out;
}
