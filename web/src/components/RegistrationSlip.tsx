// The 登记回执 on the registration page, for the clerk who registers one letter after another
// (保存并登记下一件): the case number, the query code and the secret, shown this once and printable,
// while the form is already clear for the next letter. Held in memory only, never in the draft.
import { Show } from 'solid-js';
import type { CaseDetail } from '../lib/api';
import { type Credentials, receiptHtml } from '../lib/receipt';
import { units } from '../lib/ref';
import { slug, tenant } from '../lib/session';
import { A } from './ui';

/** Opens the slip as an A4 page in a new tab, for printing. */
export function printReceipt(c: CaseDetail['case'], creds: Credentials) {
  const bureau = units().find((u) => u.kind === 'bureau')?.name ?? `${tenant()?.name ?? ''}信访局`;
  const html = receiptHtml(c, creds, { bureau, portalUrl: `${location.origin}/${slug()}/` });
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The query code and secret, and the button that prints them: on this slip and on the case page. */
export function ReceiptCodes(props: { case: CaseDetail['case']; creds: Credentials }) {
  return (
    <>
      <dl class="kv">
        <dt>查询码</dt>
        <dd class="code">{props.creds.queryCode}</dd>
        <dt>查询密码</dt>
        <dd class="code">{props.creds.secret}</dd>
      </dl>
      <button type="button" onClick={() => printReceipt(props.case, props.creds)}>
        打印登记回执
      </button>
    </>
  );
}

export default function RegistrationSlip(props: {
  case: CaseDetail['case'];
  creds: Credentials;
  /** possible repeats the server found on registering */
  repeats: number;
}) {
  return (
    <section class="card" aria-labelledby="slip-h">
      <h2 id="slip-h">登记回执</h2>
      <p role="status">
        已登记 <A href={`/cases/${props.case.id}`}>{props.case.number}</A> {props.case.title}
        。请将查询码和查询密码交给信访人：来信随回执寄出，来访当面交付，来电当即告知。查询密码只显示这一次，登记下一件后不再显示。
      </p>
      <Show when={props.repeats > 0}>
        <p>系统提示可能与 {props.repeats} 件已登记来件重复，请在工作台“重复件提示”中核实。</p>
      </Show>
      <ReceiptCodes case={props.case} creds={props.creds} /> <A href={`/cases/${props.case.id}`}>转送此件</A>
    </section>
  );
}
