// Registering a case that came by phone, letter, visit, the leader's mailbox or a higher level's
// transfer (代理录入), for a clerk who types in dozens a day: keyboard first, everything on one
// screen. Enter (Ctrl+Enter in the text) saves and opens the routing dialog; Ctrl+Shift+Enter saves,
// shows the 登记回执 here and clears the form for the next letter, keeping its channel and date.
// A problem is shown under its field, the field is focused and it is announced; what was typed is
// kept in a draft (this tab's sessionStorage) through errors, a reload, Back or an expired login,
// and the draft is cleared once the server has the case. Phone and ID number are checked by the
// server's own rules (workers/domain/masking) before sending. 匿名 is offered only for the kinds the
// county allows it for (settings.anonymousAllowed), as the server would refuse it for the others.
import { createEffect, createMemo, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { isValidIdNumber, isValidPhone } from '../../../workers/domain/masking';
import { CHANNEL, KIND, MSG, PURPOSE } from '../i18n';
import { type CaseDetail, errorText, type Kind, newKey, t, UserError } from '../lib/api';
import { createData } from '../lib/data';
import { draftStore } from '../lib/draft';
import { categories, categoryPath, treeOrder, units } from '../lib/ref';
import { navigate } from '../lib/router';
import { endOfDay, today } from '../lib/format';
import { type Credentials, holdCredentials } from '../lib/receipt';
import { slug } from '../lib/session';
import Combobox from '../components/Combobox';
import FilePicker, { type PickedFile } from '../components/FilePicker';
import FormField, { fieldAria } from '../components/FormField';
import PetitionerHistory from '../components/PetitionerHistory';
import RegistrationSlip from '../components/RegistrationSlip';
import { createAction, Notice, Options, PageTitle } from '../components/ui';

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
  /** the day the letter came, as typed (parseDay); empty: now */
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

// A 12345 operator hears 投诉、举报、建议 on the line, not the 信访目的 of the regulation: the
// same purposes, named as the hotline names them (投诉 first after 咨询 and 求助, its commonest).
const HOTLINE_PURPOSE: Record<string, string> = {
  question: '咨询',
  help: '求助',
  claim: '投诉（申诉求决）',
  accusation: '举报（检举控告）',
  suggestion: '建议（意见建议）',
  other: '其他',
};
const CHANNELS = ['phone', 'letter', 'visit', 'mailbox', 'transfer', 'web'];
/** The fields in the order they stand on the page: the first with a problem is focused. */
const ORDER = [
  'channel',
  'receivedAt',
  'higherLevelDue',
  'kind',
  'purpose',
  'name',
  'phone',
  'idNumber',
  'peopleCount',
  'anonymous',
  'townshipUnitId',
  'address',
  'content',
  'title',
  'categoryId',
  'files',
] as const;
/** A server problem's path (petitioner.phone, higherLevelDueAt) → the field it is about. */
const FIELD_OF: Record<string, string> = { higherLevelDueAt: 'higherLevelDue', attachmentIds: 'files' };
const fieldOf = (path: string) => {
  const k = path.replace(/^petitioner\./, '');
  return FIELD_OF[k] ?? k;
};
const DAY_MS = 86_400_000;
/** the server's own words when a kind takes no anonymous cases (workflow/intake) */
const NAMED_ONLY = '该类事项须实名反映';
const DAY_FORMAT = '日期请写成 2026-12-03 或 12-3 这样';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A day as a clerk types it — 2026-12-03, 2026/12/3, 2026.12.3, 2026年12月3日, 20261203, or
 * without the year (12-3, 12月3日): the nearest such day before today, or after it for a deadline.
 * Answers YYYY-MM-DD, or '' for what is no day.
 */
function parseDay(input: string, ahead = false, now = today()): string {
  const s = input
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[年月/.．／－]/g, '-')
    .replace(/[日号]$/, '');
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s) ??
    /^()(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return '';
  let y = Number(m[1]);
  if (!m[1]) {
    y = Number(now.slice(0, 4));
    const thisYear = `${y}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
    if (!ahead && thisYear > now) y -= 1;
    if (ahead && thisYear < now) y += 1;
  }
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return '';
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** A received day as the instant sent: now for today, noon of an earlier day in the county's zone. */
function receivedInstant(typed: string): number | undefined {
  const d = parseDay(typed);
  if (!d || d >= today()) return undefined;
  return endOfDay(d) - DAY_MS / 2;
}

function phoneProblem(phone: string): string | undefined {
  return phone.trim() && !isValidPhone(phone) ? MSG.phoneInvalid : undefined;
}

function idProblem(id: string): string | undefined {
  const s = id.replace(/\s/g, '');
  if (!s) return undefined;
  if (!/^[\d０-９]{17}[\dXx０-９ｘＸ]$/.test(s)) return '身份证号应为 18 位（最后一位可以是 X）';
  return isValidIdNumber(s) ? undefined : '身份证号码不正确：出生日期或最后一位校验码不符，请核对';
}

export default function Register() {
  const [f, setF, draft] = draftStore<Form>(`register.${slug()}`, blank());
  // a draft of an earlier version kept the time too (datetime-local)
  if (/^\d{4}-\d\d-\d\dT/.test(f.receivedAt)) setF('receivedAt', f.receivedAt.slice(0, 10));
  // One Idempotency-Key per form: a retry after a network error cannot register the case twice.
  if (!f.key) setF('key', newKey());
  const [problems, setProblems] = createSignal<Record<string, string>>({});
  const [restored, setRestored] = createSignal(
    draft.restored && Boolean(f.content || f.name || f.phone || f.files.length),
  );
  const [slip, setSlip] = createSignal<{
    case: CaseDetail['case'];
    creds: Credentials;
    repeats: number;
  } | null>(null);
  const townships = createMemo(() =>
    units()
      .filter((u) => u.kind === 'township' && u.active)
      .map((u) => ({ value: u.id, label: u.name })),
  );
  const cats = createMemo(() =>
    treeOrder(categories().filter((c) => c.active)).map((c) => ({ value: c.id, label: categoryPath(c.id) })),
  );
  let alertBox: HTMLSpanElement | undefined;
  // Whether this kind may be registered anonymously: undefined while the settings load (not
  // offered yet); if they cannot be read it is offered and the server has the last word.
  // Read again when the server refuses 匿名 (the county changed its rule while this page was open)
  // and before each next letter of a pile.
  const [settings, { refetch: rereadSettings }] = createData(slug, (s) => t(s).settings());
  const anonymousAllowed = (): boolean | undefined => {
    const s = settings();
    if (s) return s.settings.anonymousAllowed[f.kind as Kind] ?? false;
    return settings.error ? true : undefined;
  };
  // a kind (or a restored draft) that takes no anonymous cases: the choice goes, the name comes back
  createEffect(() => {
    if (f.anonymous && anonymousAllowed() === false) setF('anonymous', false);
  });

  // a file still uploading would be left out of the letter: saving waits for it
  const [uploading, setUploading] = createSignal(false);
  const check = (): Record<string, string> => {
    const p: Record<string, string> = {};
    if (uploading()) p.files = MSG.waitUploads;
    const received = parseDay(f.receivedAt);
    if (f.receivedAt.trim() && !received) p.receivedAt = DAY_FORMAT;
    else if (received > today()) p.receivedAt = '收件日期不能晚于今天';
    const due = parseDay(f.higherLevelDue, true);
    if (f.channel === 'transfer' && f.higherLevelDue.trim()) {
      if (!due) p.higherLevelDue = DAY_FORMAT;
      else if (due < (received || today())) p.higherLevelDue = '上级要求办结日期不能早于收件日期';
    }
    if (f.kind === 'inquiry' && f.purpose === 'accusation') p.purpose = '检举控告不能作为公开问政';
    if (f.kind === 'petition' && !f.anonymous && !f.name.trim()) p.name = MSG.required('姓名');
    const phone = phoneProblem(f.phone);
    if (phone) p.phone = phone;
    const id = idProblem(f.idNumber);
    if (id) p.idNumber = id;
    const n = Number(f.peopleCount);
    if (f.peopleCount.trim() && (!Number.isInteger(n) || n < 1 || n > 10000))
      p.peopleCount = '人数应为 1 至 10000 的整数';
    if (!f.content.trim()) p.content = MSG.required('诉求内容');
    return p;
  };

  /** Shows the problems under their fields and takes the clerk to the first of them. */
  const showProblems = (p: Record<string, string>) => {
    setProblems(p);
    const first = ORDER.find((k) => p[k]);
    queueMicrotask(() => {
      const el = first && document.getElementById(`f-${first}`);
      // a file input is disabled while it uploads: the message above then takes the reader
      if (el && !(el as HTMLInputElement).disabled) el.focus();
      else alertBox?.scrollIntoView({ block: 'nearest' });
    });
  };
  /** A field edited again: its old problem goes (it is checked again on leaving or saving). */
  const edit = <K extends keyof Form>(k: K, value: Form[K]) => {
    setF(k, value as never);
    if (problems()[k as string]) setProblems(({ [k as string]: _, ...rest }) => rest);
  };
  /** Leaving the phone or ID number: checked at once, as the server will. */
  const recheck = (k: 'phone' | 'idNumber') => {
    const problem = k === 'phone' ? phoneProblem(f.phone) : idProblem(f.idNumber);
    setProblems(({ [k]: _, ...rest }) => (problem ? { ...rest, [k]: problem } : rest));
  };

  /** Leaving a date: written out in full (12-3 → 2026-12-03), or its problem shown at once. */
  const settleDay = (k: 'receivedAt' | 'higherLevelDue') => {
    const d = parseDay(f[k], k === 'higherLevelDue');
    if (d) setF(k, d);
    const problem = check()[k];
    setProblems(({ [k]: _, ...rest }) => (problem ? { ...rest, [k]: problem } : rest));
  };

  const save = createAction(async (next: boolean) => {
    const p = check();
    if (Object.keys(p).length) {
      showProblems(p);
      const n = Object.keys(p).length;
      throw new UserError(
        `有 ${n} 处需要修改：${Object.values(p)
          .map((x) => x.replace(/。$/, ''))
          .join('；')}`,
      );
    }
    setProblems({});
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
        name: f.anonymous ? null : f.name.trim() || null,
        phone: f.phone.trim() || null,
        idNumber: f.idNumber.replace(/\s/g, '').toUpperCase() || null,
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
    const received = receivedInstant(f.receivedAt);
    if (received != null) body.receivedAt = received;
    const due = parseDay(f.higherLevelDue, true);
    if (f.channel === 'transfer' && due) body.higherLevelDueAt = endOfDay(due);
    let created: CaseDetail & Credentials;
    try {
      created = await t(slug()).createCase(body, f.key);
    } catch (e) {
      const details = (e as { details?: Array<{ path?: string; message: string }> }).details ?? [];
      const map: Record<string, string> = {};
      for (const d of details) if (d.path && !map[fieldOf(d.path)]) map[fieldOf(d.path)] = d.message;
      // the rule changed under the clerk: once it is read again the choice goes, and the name is next
      if (map.anonymous)
        void rereadSettings().then(() => {
          if (anonymousAllowed() === false) queueMicrotask(() => document.getElementById('f-name')?.focus());
        });
      showProblems(map);
      throw e;
    }
    setRestored(false);
    if (!next) {
      draft.reset();
      holdCredentials(created.case.id, { queryCode: created.queryCode, secret: created.secret });
      navigate(`/cases/${created.case.id}?registered=1`);
      return;
    }
    // the next letter of the same pile: same channel, kind and day; nobody's details kept
    const keep = { channel: f.channel, kind: f.kind, receivedAt: f.receivedAt };
    draft.reset();
    setF({ ...keep, key: newKey() });
    void rereadSettings();
    setSlip({
      case: created.case,
      creds: { queryCode: created.queryCode, secret: created.secret },
      repeats: created.repeatSuggestions?.length ?? 0,
    });
    // the slip at the top in view (on a phone too), the cursor in 姓名 for the next letter
    queueMicrotask(() => {
      document.getElementById('f-name')?.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    });
  });

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void save.run(e.shiftKey);
    }
  };
  onMount(() => {
    document.addEventListener('keydown', onKey);
    document.getElementById('f-name')?.focus();
  });
  onCleanup(() => document.removeEventListener('keydown', onKey));

  const err = (k: string) => problems()[k];
  // (a <select> takes these one by one: spread onto it, its value would be set before its options)
  const aria = (k: string, hint?: string | false, required?: boolean) =>
    fieldAria(`f-${k}`, { hint, error: err(k), required });

  const HINTS = {
    receivedAt: '来信按收到之日填写，如 2026-12-03 或 12-3；留空为现在',
    higherLevelDue: '上级来文规定的办结日期，如 2026-12-31；留空按本县期限',
    phone: '手机 11 位；固定电话请带区号',
    idNumber: '18 位，最后一位可以是 X',
    peopleCount: '5 人以上按集体访',
    title: '留空则自动取内容前 30 字',
    township: '输入乡镇名的一部分筛选，↑↓ 选择，Enter 确定',
    category: '输入分类名的一部分筛选，↑↓ 选择，Enter 确定',
  };

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
              setRestored(false);
              document.getElementById('f-name')?.focus();
            }}
          >
            清空重填
          </button>
        }
      >
        登记来件
      </PageTitle>
      <p class="hint">
        用 <kbd>Tab</kbd> 逐项填写，<kbd>Enter</kbd>（在诉求内容中用 <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        ）保存并进入转送；<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd>
        保存后接着登记下一件，来源渠道、件类型和收件日期保留。填写内容自动保留，刷新、返回或登录超时后可继续。
      </p>
      <Show when={restored()}>
        <Notice kind="info">{MSG.unsavedDraft}</Notice>
      </Show>
      <Show when={slip()}>
        {(s) => <RegistrationSlip case={s().case} creds={s().creds} repeats={s().repeats} />}
      </Show>
      <form
        class="card"
        noValidate
        aria-label="登记来件"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run((e.submitter as HTMLElement | null)?.dataset.next === '1');
        }}
      >
        <div class="form-grid">
          <FormField id="f-channel" label="来源渠道" required>
            <select
              id="f-channel"
              aria-invalid={aria('channel')['aria-invalid']}
              aria-describedby={aria('channel')['aria-describedby']}
              name="channel"
              value={f.channel}
              onChange={(e) => edit('channel', e.currentTarget.value)}
            >
              <Options table={CHANNEL} keys={CHANNELS} />
            </select>
          </FormField>
          <FormField id="f-receivedAt" label="收件日期" hint={HINTS.receivedAt} error={err('receivedAt')}>
            <input
              {...aria('receivedAt', HINTS.receivedAt)}
              name="receivedAt"
              autocomplete="off"
              value={f.receivedAt}
              onInput={(e) => edit('receivedAt', e.currentTarget.value)}
              onBlur={() => settleDay('receivedAt')}
            />
          </FormField>
          <Show when={f.channel === 'transfer'}>
            <FormField
              id="f-higherLevelDue"
              label="上级要求办结日期"
              hint={HINTS.higherLevelDue}
              error={err('higherLevelDue')}
            >
              <input
                {...aria('higherLevelDue', HINTS.higherLevelDue)}
                name="higherLevelDue"
                autocomplete="off"
                value={f.higherLevelDue}
                onInput={(e) => edit('higherLevelDue', e.currentTarget.value)}
                onBlur={() => settleDay('higherLevelDue')}
              />
            </FormField>
          </Show>
          <FormField id="f-kind" label="件类型" required error={err('kind')}>
            <select
              id="f-kind"
              aria-invalid={aria('kind')['aria-invalid']}
              aria-describedby={aria('kind')['aria-describedby']}
              name="kind"
              value={f.kind}
              onChange={(e) => edit('kind', e.currentTarget.value)}
            >
              <Options table={KIND} />
            </select>
          </FormField>
          <FormField
            id="f-purpose"
            label={f.kind === 'hotline' ? '诉求类型' : '信访目的'}
            required
            error={err('purpose')}
          >
            <select
              id="f-purpose"
              aria-invalid={aria('purpose')['aria-invalid']}
              aria-describedby={aria('purpose')['aria-describedby']}
              name="purpose"
              value={f.purpose}
              onChange={(e) => edit('purpose', e.currentTarget.value)}
            >
              <Options table={f.kind === 'hotline' ? HOTLINE_PURPOSE : PURPOSE} />
            </select>
          </FormField>
        </div>
        <fieldset>
          <legend>诉求人</legend>
          <div class="form-grid">
            <FormField
              id="f-name"
              label="姓名"
              required={f.kind === 'petition' && !f.anonymous}
              error={err('name')}
            >
              <input
                {...aria('name', false, f.kind === 'petition' && !f.anonymous)}
                name="name"
                maxLength={30}
                autocomplete="off"
                value={f.name}
                disabled={f.anonymous}
                onInput={(e) => edit('name', e.currentTarget.value)}
              />
            </FormField>
            <FormField id="f-phone" label="联系电话" hint={HINTS.phone} error={err('phone')}>
              <input
                {...aria('phone', HINTS.phone)}
                name="phone"
                type="tel"
                inputMode="tel"
                maxLength={20}
                autocomplete="off"
                value={f.phone}
                onInput={(e) => edit('phone', e.currentTarget.value)}
                onBlur={() => recheck('phone')}
              />
            </FormField>
            <FormField id="f-idNumber" label="身份证号" hint={HINTS.idNumber} error={err('idNumber')}>
              <input
                {...aria('idNumber', HINTS.idNumber)}
                name="idNumber"
                maxLength={20}
                autocomplete="off"
                spellcheck={false}
                value={f.idNumber}
                onInput={(e) => edit('idNumber', e.currentTarget.value)}
                onBlur={() => recheck('idNumber')}
              />
            </FormField>
            <FormField id="f-peopleCount" label="人数" hint={HINTS.peopleCount} error={err('peopleCount')}>
              <input
                {...aria('peopleCount', HINTS.peopleCount)}
                name="peopleCount"
                type="number"
                min={1}
                max={10000}
                value={f.peopleCount}
                onInput={(e) => edit('peopleCount', e.currentTarget.value)}
              />
            </FormField>
          </div>
          <Show when={anonymousAllowed()}>
            <label class="check">
              <input
                {...aria('anonymous')}
                type="checkbox"
                checked={f.anonymous}
                onChange={(e) => edit('anonymous', e.currentTarget.checked)}
              />{' '}
              匿名
            </label>
          </Show>
          <Show when={anonymousAllowed() === false}>
            <p id="f-anonymous-hint" class="hint">
              {NAMED_ONLY}，不能匿名登记。
            </p>
          </Show>
          <Show when={err('anonymous')}>
            <span id="f-anonymous-error" style={{ color: 'var(--red)', 'font-size': '13px' }}>
              {err('anonymous')}
            </span>
          </Show>
          {/* after all of the caller's fields: a repeat caller's links do not come between them */}
          <PetitionerHistory id="petitioner-history" phone={f.phone} idNumber={f.idNumber} />
        </fieldset>
        <div class="form-grid">
          <FormField
            id="f-townshipUnitId"
            label="所在乡镇（街道）"
            hint={HINTS.township}
            error={err('townshipUnitId')}
          >
            <Combobox
              {...aria('townshipUnitId', HINTS.township)}
              id="f-townshipUnitId"
              name="townshipUnitId"
              none="未指明"
              options={townships()}
              value={f.townshipUnitId}
              onChange={(v) => edit('townshipUnitId', v)}
            />
          </FormField>
          <FormField id="f-address" label="详细地址" error={err('address')}>
            <input
              {...aria('address')}
              name="address"
              maxLength={200}
              autocomplete="off"
              value={f.address}
              onInput={(e) => edit('address', e.currentTarget.value)}
            />
          </FormField>
          <FormField id="f-content" label="诉求内容" class="wide" required error={err('content')}>
            <textarea
              {...aria('content', false, true)}
              name="content"
              rows={7}
              maxLength={5000}
              value={f.content}
              onInput={(e) => edit('content', e.currentTarget.value)}
            />
          </FormField>
          <FormField id="f-title" label="标题" class="wide" hint={HINTS.title} error={err('title')}>
            <input
              {...aria('title', HINTS.title)}
              name="title"
              maxLength={100}
              value={f.title}
              onInput={(e) => edit('title', e.currentTarget.value)}
            />
          </FormField>
          <FormField id="f-categoryId" label="内容分类" hint={HINTS.category} error={err('categoryId')}>
            <Combobox
              {...aria('categoryId', HINTS.category)}
              id="f-categoryId"
              name="categoryId"
              none="暂不分类"
              options={cats()}
              value={f.categoryId}
              onChange={(v) => edit('categoryId', v)}
            />
          </FormField>
        </div>
        <FilePicker
          label="附件（来信扫描件、来访材料）"
          files={f.files}
          onChange={(files) => edit('files', files)}
          disabled={save.busy()}
          id="f-files"
          problem={err('files')}
          onBusy={(b) => {
            setUploading(b);
            if (!b) setProblems(({ files: _, ...rest }) => rest);
          }}
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
            {save.busy() ? MSG.saving : '保存并转送（Enter）'}
          </button>
          <button type="submit" data-next="1" disabled={save.busy()}>
            保存并登记下一件（Ctrl+Shift+Enter）
          </button>
          <span ref={alertBox} role="alert" style={{ color: 'var(--red)' }}>
            {save.error() ? errorText(save.error()) : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
