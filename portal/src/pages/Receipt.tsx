// The confirmation: case number, query code and secret, printable as a receipt.
import { createSignal, Show } from 'solid-js';
import { useInfo } from '../components/context';
import { Link, PageTitle } from '../components/ui';
import { fmtDateTime, M } from '../i18n';
import { handOff } from '../lib/handoff';
import { load, remove } from '../lib/storage';
import { href, navigate, tenant } from '../router';
import type { SavedReceipt } from './Submit';

export default function Receipt() {
  const info = useInfo();
  const [receipt, setReceipt] = createSignal(load<SavedReceipt>('receipt', tenant()));
  const track = () => {
    const r = receipt();
    if (r) handOff({ queryCode: r.queryCode, secret: r.secret });
    navigate(href('/track'));
  };
  const forget = () => {
    if (!window.confirm(M.receipt.forgetConfirm)) return;
    remove('receipt', tenant());
    setReceipt(null);
  };
  return (
    <Show
      when={receipt()}
      fallback={
        <>
          <PageTitle>{M.receipt.noneTitle}</PageTitle>
          <p>{M.receipt.none}</p>
          <p>
            <Link href={href('/track')} class="btn btn-secondary">
              {M.track.title}
            </Link>
          </p>
        </>
      }
    >
      {(r) => (
        <>
          <PageTitle>{M.receipt.title}</PageTitle>
          <p class="lead no-print">{M.receipt.lead}</p>
          <section class="receipt" aria-labelledby="receipt-h">
            <h2 id="receipt-h" class="print-only">
              {M.receipt.printTitle(info()?.tenant.name ?? '')}
            </h2>
            <dl class="receipt-list">
              <div>
                <dt>{M.receipt.number}</dt>
                <dd class="code">{r().number}</dd>
              </div>
              <div>
                <dt>{M.receipt.queryCode}</dt>
                <dd class="code" id="receipt-query-code">
                  {r().queryCode}
                </dd>
              </div>
              <div>
                <dt>{M.receipt.secret}</dt>
                <dd class="code" id="receipt-secret">
                  {r().secret}
                </dd>
              </div>
              <div>
                <dt>{M.submit.kind}</dt>
                <dd>{M.kindShort[r().kind]}</dd>
              </div>
              <div>
                <dt>{M.submit.title}</dt>
                <dd>{r().title}</dd>
              </div>
              <div>
                <dt>{M.receipt.submittedAt}</dt>
                <dd>{fmtDateTime(r().at)}</dd>
              </div>
            </dl>
            <p class="warn">{M.receipt.keep}</p>
          </section>
          <div class="actions no-print">
            <button type="button" class="btn btn-primary" onClick={() => window.print()}>
              {M.receipt.print}
            </button>
            <button type="button" class="btn btn-secondary" onClick={track}>
              {M.receipt.track}
            </button>
            <button type="button" class="link-btn" onClick={forget}>
              {M.receipt.forget}
            </button>
          </div>
        </>
      )}
    </Show>
  );
}
