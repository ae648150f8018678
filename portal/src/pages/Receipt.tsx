// The confirmation: registration number, query code and secret, printable as a receipt that says
// where to track the case. Shown from this tab's storage for an hour after the submission, then
// forgotten, so a shared phone does not keep handing out someone's secret.
import { createSignal, For, Show } from 'solid-js';
import { useInfo } from '../components/context';
import { Link, PageTitle } from '../components/ui';
import { fmtDateTime, fmtDueDay, M } from '../i18n';
import { handOff } from '../lib/handoff';
import { loadReceipts, removeReceipt, type SavedReceipt } from '../lib/storage';
import { href, navigate, tenant } from '../router';

export default function Receipt() {
  const info = useInfo();
  const [receipts, setReceipts] = createSignal(loadReceipts(tenant()));
  const [shown, setShown] = createSignal<string | null>(null);
  const receipt = (): SavedReceipt | undefined =>
    receipts().find((r) => r.number === shown()) ?? receipts()[0];
  const others = () => receipts().filter((r) => r !== receipt());
  const trackUrl = () => `${location.origin}${href('/track')}`;
  const track = () => {
    const r = receipt();
    if (r) handOff({ queryCode: r.queryCode, secret: r.secret });
    navigate(href('/track'));
  };
  const forget = () => {
    const r = receipt();
    if (!r || !window.confirm(M.receipt.forgetConfirm)) return;
    removeReceipt(tenant(), r.number);
    setShown(null);
    setReceipts(loadReceipts(tenant()));
    document.getElementById('page-title')?.focus();
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
                <dd class="code" id="receipt-number">
                  {r().number}
                </dd>
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
              <Show when={r().at}>
                {(at) => (
                  <div>
                    <dt>{M.receipt.submittedAt}</dt>
                    <dd id="receipt-at">{fmtDateTime(at())}</dd>
                  </div>
                )}
              </Show>
              <div>
                <dt>{M.receipt.trackAt}</dt>
                <dd id="receipt-track-url" class="url">
                  {trackUrl()}
                </dd>
              </div>
            </dl>
            <p id="receipt-next">
              {r().routeDueAt ? M.receipt.nextBy(fmtDueDay(r().routeDueAt!)) : M.receipt.next}
            </p>
            <p class="warn no-print">{M.receipt.keep}</p>
            <p class="warn print-only">{M.receipt.keepPrint}</p>
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
          <Show when={others().length}>
            <section class="no-print" aria-labelledby="others-h">
              <h2 id="others-h">{M.receipt.others}</h2>
              <ul class="plain list">
                <For each={others()}>
                  {(o) => (
                    <li>
                      <span>
                        {o.number} · {o.title}
                      </span>
                      <button
                        type="button"
                        class="link-btn"
                        onClick={() => {
                          setShown(o.number);
                          document.getElementById('page-title')?.focus();
                        }}
                      >
                        {M.receipt.show(o.number)}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>
        </>
      )}
    </Show>
  );
}
