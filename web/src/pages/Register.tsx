// Registering a case that came by phone, letter, visit or the leader's mailbox (代理录入): keyboard
// first, everything on one screen, Ctrl+Enter saves, and the routing dialog opens next. A letter's
// scan (or a visitor's papers) is uploaded while the form is filled and goes with the case.
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { CHANNEL, KIND, MSG, PURPOSE } from '../i18n';
import { type CaseDetail, errorText, newKey, t, UserError } from '../lib/api';
import { draftStore } from '../lib/draft';
import { categories, treeOrder, units } from '../lib/ref';
import { navigate } from '../lib/router';
import { endOfDay } from '../lib/format';
import { type Credentials, holdCredentials } from '../lib/receipt';
import { slug } from '../lib/session';
import FilePicker, { type PickedFile } from '../components/FilePicker';
import { createAction, ErrorNotice, Field, Notice, Options, PageTitle } from '../components/ui';

interface Form {
  key: string;
  channel: string;
  kind: string;
  purpose: string;
  name: string;
  phone: string;
  idNumber: string;
  anonymous: boolean;
  townshipUnitId: string;
  address: string;
  categoryId: string;
  title: string;
  content: string;
  peopleCount: string;
  sensitive: boolean;
  threat: boolean;
  collective: boolean;
  fastTrack: boolean;
  isPublic: boolean;
  receivedAt: string;
  higherLevelDue: string;
  /** uploaded, sent with the case as attachmentIds */
  files: PickedFile[];
}

const blank = (): Form => ({
  key: '',
  channel: 'phone',
  kind: 'petition',
  purpose: 'claim',
  name: '',
  phone: '',
  idNumber: '',
  anonymous: false,
  townshipUnitId: '',
  address: '',
  categoryId: '',
  title: '',
  content: '',
  peopleCount: '1',
  sensitive: false,
  threat: false,
  collective: false,
  fastTrack: false,
  isPublic: false,
  receivedAt: '',
  higherLevelDue: '',
  files: [],
});

const CHANNELS = ['phone', 'letter', 'visit', 'mailbox', 'transfer', 'web'];

export default function Register() {
  const [f, setF, draft] = draftStore<Form>(`register.${slug()}`, blank());
  // One Idempotency-Key per form: a retry after a network error cannot register the case twice.
  if (!f.key) setF('key', newKey());
  const [problems, setProblems] = createSignal<Record<string, string>>({});
  const [restored] = createSignal(
    draft.restored && Boolean(f.content || f.name || f.phone || f.files.length),
  );
  const townships = createMemo(() => units().filter((u) => u.kind === 'township' && u.active));
  const cats = createMemo(() => treeOrder(categories().filter((c) => c.active)));
  let form!: HTMLFormElement;

  const check = (): Record<string, string> => {
    const p: Record<string, string> = {};
    if (!f.content.trim()) p.content = MSG.required('诉求内容');
    if (f.kind === 'petition' && !f.anonymous && !f.name.trim()) p.name = MSG.required('姓名');
    const digits = f.phone.replace(/[\s-]/g, '');
    if (digits && !/^(\+?86)?1[3-9]\d{9}$/.test(digits) && !/^0\d{9,11}$/.test(digits))
      p.phone = MSG.phoneInvalid;
    if (f.idNumber && !/^\d{17}[\dXx]$/.test(f.idNumber.trim())) p.idNumber = '身份证号应为 18 位';
    if (f.kind === 'inquiry' && f.purpose === 'accusation') p.purpose = '检举控告不能作为公开问政';
    return p;
  };

  const save = createAction(async () => {
    const p = check();
    setProblems(p);
    if (Object.keys(p).length) throw new UserError(Object.values(p)[0]!);
    const title = f.title.trim() || f.content.trim().replace(/\s+/g, ' ').slice(0, 30);
    const body: Record<string, unknown> = {
      kind: f.kind,
      channel: f.channel,
      purpose: f.purpose,
      categoryId: f.categoryId || null,
      townshipUnitId: f.townshipUnitId || null,
      address: f.address.trim() || null,
      title,
      content: f.content.trim(),
      petitioner: {
        name: f.name.trim() || null,
        phone: f.phone.trim() || null,
        idNumber: f.idNumber.trim().toUpperCase() || null,
        anonymous: f.anonymous,
      },
      peopleCount: Math.max(1, Number(f.peopleCount) || 1),
      flags: {
        sensitive: f.sensitive,
        threat: f.threat,
        collective: f.collective || Number(f.peopleCount) >= 5,
        fastTrack: f.fastTrack,
      },
      isPublic: f.kind === 'inquiry' ? f.isPublic : false,
    };
    if (f.files.length) body.attachmentIds = f.files.map((x) => x.id);
    if (f.receivedAt) body.receivedAt = new Date(f.receivedAt).getTime();
    if (f.channel === 'transfer' && f.higherLevelDue) body.higherLevelDueAt = endOfDay(f.higherLevelDue);
    let created: CaseDetail & Credentials;
    try {
      created = await t(slug()).createCase(body, f.key);
    } catch (e) {
      const details = (e as { details?: Array<{ path?: string; message: string }> }).details ?? [];
      const map: Record<string, string> = {};
      for (const d of details) if (d.path) map[d.path.replace(/^petitioner\./, '')] = d.message;
      setProblems(map);
      throw e;
    }
    draft.reset();
    holdCredentials(created.case.id, { queryCode: created.queryCode, secret: created.secret });
    navigate(`/cases/${created.case.id}?registered=1`);
  });

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void save.run();
    }
  };
  onMount(() => {
    document.addEventListener('keydown', onKey);
    form.querySelector<HTMLElement>('[name=name]')?.focus();
  });
  onCleanup(() => document.removeEventListener('keydown', onKey));

  const inv = (k: string) => (problems()[k] ? 'true' : undefined);
  const msg = (k: string) => (
    <Show when={problems()[k]}>
      <span class="hint" style={{ color: 'var(--red)' }} id={`err-${k}`}>
        {problems()[k]}
      </span>
    </Show>
  );

  return (
    <section>
      <PageTitle
        actions={
          <button
            type="button"
            onClick={() => {
              draft.reset();
              setF('key', newKey());
              setProblems({});
            }}
          >
            清空重填
          </button>
        }
      >
        登记来件
      </PageTitle>
      <p class="hint">
        用 <kbd>Tab</kbd> 逐项填写，<kbd>Ctrl</kbd>+<kbd>Enter</kbd> 保存并进入转送；标题留空时取诉求内容的前
        30 字。填写内容自动保留，登录超时后重新登录可继续。
      </p>
      <Show when={restored()}>
        <Notice kind="info">{MSG.unsavedDraft}</Notice>
      </Show>
      <ErrorNotice error={save.error()} />
      <form
        ref={form}
        class="card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <div class="form-grid">
          <Field label="来源渠道" required>
            <select name="channel" value={f.channel} onChange={(e) => setF('channel', e.currentTarget.value)}>
              <Options table={CHANNEL} keys={CHANNELS} />
            </select>
          </Field>
          <Field label="件类型" required>
            <select name="kind" value={f.kind} onChange={(e) => setF('kind', e.currentTarget.value)}>
              <Options table={KIND} />
            </select>
          </Field>
          <Field label="信访目的" required>
            <select
              name="purpose"
              value={f.purpose}
              aria-invalid={inv('purpose')}
              onChange={(e) => setF('purpose', e.currentTarget.value)}
            >
              <Options table={PURPOSE} />
            </select>
            {msg('purpose')}
          </Field>
          <Field label="收件时间" hint="留空为现在">
            <input
              name="receivedAt"
              type="datetime-local"
              value={f.receivedAt}
              onInput={(e) => setF('receivedAt', e.currentTarget.value)}
            />
          </Field>
        </div>
        <fieldset>
          <legend>诉求人</legend>
          <div class="form-grid">
            <Field label="姓名" required={f.kind === 'petition' && !f.anonymous}>
              <input
                name="name"
                maxLength={30}
                value={f.name}
                disabled={f.anonymous}
                aria-invalid={inv('name')}
                onInput={(e) => setF('name', e.currentTarget.value)}
              />
              {msg('name')}
            </Field>
            <Field label="联系电话">
              <input
                name="phone"
                type="tel"
                inputMode="tel"
                maxLength={20}
                value={f.phone}
                aria-invalid={inv('phone')}
                onInput={(e) => setF('phone', e.currentTarget.value)}
              />
              {msg('phone')}
            </Field>
            <Field label="身份证号">
              <input
                name="idNumber"
                maxLength={18}
                value={f.idNumber}
                aria-invalid={inv('idNumber')}
                onInput={(e) => setF('idNumber', e.currentTarget.value)}
              />
              {msg('idNumber')}
            </Field>
            <Field label="人数" hint="5 人以上按集体访">
              <input
                name="peopleCount"
                type="number"
                min={1}
                value={f.peopleCount}
                onInput={(e) => setF('peopleCount', e.currentTarget.value)}
              />
            </Field>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={f.anonymous}
              onChange={(e) => setF('anonymous', e.currentTarget.checked)}
            />{' '}
            匿名
          </label>
        </fieldset>
        <div class="form-grid">
          <Field label="所在乡镇（街道）">
            <select
              name="townshipUnitId"
              value={f.townshipUnitId}
              aria-invalid={inv('townshipUnitId')}
              onChange={(e) => setF('townshipUnitId', e.currentTarget.value)}
            >
              <option value="">（未指明）</option>
              <For each={townships()}>{(u) => <option value={u.id}>{u.name}</option>}</For>
            </select>
          </Field>
          <Field label="详细地址">
            <input
              name="address"
              maxLength={200}
              value={f.address}
              onInput={(e) => setF('address', e.currentTarget.value)}
            />
          </Field>
          <Field label="内容分类">
            <select
              name="categoryId"
              value={f.categoryId}
              aria-invalid={inv('categoryId')}
              onChange={(e) => setF('categoryId', e.currentTarget.value)}
            >
              <option value="">（暂不分类）</option>
              <For each={cats()}>
                {(c) => (
                  <option value={c.id}>
                    {'\u3000'.repeat(c.depth)}
                    {c.name}
                  </option>
                )}
              </For>
            </select>
          </Field>
          <Show when={f.channel === 'transfer'}>
            <Field label="上级要求办结日期">
              <input
                name="higherLevelDue"
                type="date"
                value={f.higherLevelDue}
                onInput={(e) => setF('higherLevelDue', e.currentTarget.value)}
              />
            </Field>
          </Show>
          <Field label="标题" class="wide" hint="留空则自动取内容前 30 字">
            <input
              name="title"
              maxLength={100}
              value={f.title}
              aria-invalid={inv('title')}
              onInput={(e) => setF('title', e.currentTarget.value)}
            />
          </Field>
          <Field label="诉求内容" class="wide" required>
            <textarea
              name="content"
              rows={7}
              maxLength={5000}
              value={f.content}
              aria-invalid={inv('content')}
              onInput={(e) => setF('content', e.currentTarget.value)}
            />
            {msg('content')}
          </Field>
        </div>
        <FilePicker
          label="附件（来信扫描件、来访材料）"
          files={f.files}
          onChange={(files) => setF('files', files)}
          disabled={save.busy()}
        />
        <fieldset>
          <legend>标记</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={f.threat}
              onChange={(e) => setF('threat', e.currentTarget.checked)}
            />{' '}
            扬言过激
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={f.sensitive}
              onChange={(e) => setF('sensitive', e.currentTarget.checked)}
            />{' '}
            敏感
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={f.collective}
              onChange={(e) => setF('collective', e.currentTarget.checked)}
            />{' '}
            集体访
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={f.fastTrack}
              onChange={(e) => setF('fastTrack', e.currentTarget.checked)}
            />{' '}
            最多投一次
          </label>
          <Show when={f.kind === 'inquiry'}>
            <label class="check">
              <input
                type="checkbox"
                checked={f.isPublic}
                onChange={(e) => setF('isPublic', e.currentTarget.checked)}
              />{' '}
              群众同意公开（问政）
            </label>
          </Show>
        </fieldset>
        <div class="action-bar">
          <button type="submit" class="primary" disabled={save.busy()}>
            {save.busy() ? MSG.saving : '保存并转送（Ctrl+Enter）'}
          </button>
          <Show when={save.error()}>
            <span class="hint" role="status">
              {errorText(save.error())}
            </span>
          </Show>
        </div>
      </form>
    </section>
  );
}
