// One published question and its answer, at its own shareable address /{tenant}/board/{number}.
import { createSignal, onMount, Show } from 'solid-js';
import { Alert, Link, Loading, PageTitle, Prose } from '../components/ui';
import { fmtDateTime, M } from '../i18n';
import { ApiError, api, type BoardItem as Item } from '../lib/api';
import { href } from '../router';

export default function BoardItem(props: { number: string }) {
  const [item, setItem] = createSignal<Item | null>(null);
  const [error, setError] = createSignal('');
  onMount(() => {
    api
      .boardItem(props.number)
      .then(setItem, (e) =>
        setError(
          e instanceof ApiError && e.status === 404
            ? M.board.missing
            : e instanceof ApiError
              ? e.message
              : M.errors.network,
        ),
      );
  });
  const back = () => (
    <p>
      <Link href={href('/board')}>← {M.board.back}</Link>
    </p>
  );
  return (
    <Show
      when={item()}
      fallback={
        <Show when={error()} fallback={<Loading />}>
          <PageTitle>{M.board.title}</PageTitle>
          <Alert>{error()}</Alert>
          {back()}
        </Show>
      }
    >
      {(it) => (
        <article>
          <PageTitle>{it().title}</PageTitle>
          <dl class="facts">
            <div>
              <dt>{M.board.number}</dt>
              <dd>{it().number}</dd>
            </div>
            <Show when={it().categoryName}>
              <div>
                <dt>{M.board.category}</dt>
                <dd>{it().categoryName}</dd>
              </div>
            </Show>
            <Show when={it().unitName}>
              <div>
                <dt>{M.board.answeredBy}</dt>
                <dd>{it().unitName}</dd>
              </div>
            </Show>
            <div>
              <dt>{M.board.asked}</dt>
              <dd>{fmtDateTime(it().askedAt)}</dd>
            </div>
            <div>
              <dt>{M.board.answered}</dt>
              <dd>{fmtDateTime(it().answeredAt)}</dd>
            </div>
          </dl>
          <section aria-labelledby="q-h" class="card">
            <h2 id="q-h">{M.board.question}</h2>
            <Prose text={it().question} />
          </section>
          <section aria-labelledby="a-h" class="card answer">
            <h2 id="a-h">{M.board.answer}</h2>
            <Prose text={it().answer} />
          </section>
          {back()}
        </article>
      )}
    </Show>
  );
}
