// The submission form (投诉/信访 or 问政). The draft lives in localStorage from the first keystroke,
// with its Idempotency-Key, so a reload keeps everything and a double tap or a retry after a
// timeout creates one case; a key goes with one body, so a draft edited after a failed attempt is
// sent under a new key. Photos are shrunk before upload; the proof-of-work captcha is solved in the
// background while the citizen writes.
import { batch, createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { createStore, produce, unwrap } from 'solid-js/store';
import { useInfo } from '../components/context';
import { Alert, describedBy, Field, Group, PageTitle, PortalClosed, Radio } from '../components/ui';
import { type Kind, M, type Purpose } from '../i18n';
import { ApiError, type Attachment, api, type CaseSubmission, uploadFile } from '../lib/api';
import { shrinkImage } from '../lib/image';
import { challengeExpiry, solveChallenge } from '../lib/pow';
import { addReceipt, loadDraft, randomKey, removeDraft, saveDraft } from '../lib/storage';
import { charCount, inputCap, LIMITS } from '../lib/text';
import { href, navigate, query, setQueryParam, tenant } from '../router';

interface Draft {
  v: 1;
  key: string;
  kind: Kind;
  purpose: Purpose | '';
  categoryId: string;
  townshipUnitId: string;
  address: string;
  title: string;
  content: string;
  name: string;
  anonymous: boolean;
  phone: string;
  idNumber: string;
  isPublic: boolean;
  files: Attachment[];
  /** digest of the body last sent under `key`: another body needs another key */
  sent?: string;
}

interface Pending {
  localId: number;
  name: string;
  file: File;
  status: 'shrinking' | 'uploading' | 'failed';
  progress: number;
  error: string;
}

const MAX_FILES = 6;
const MAX_BYTES = 10 * 1024 * 1024;
const PURPOSES: Purpose[] = ['suggestion', 'claim', 'question', 'help', 'accusation', 'other'];
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf';

const freshDraft = (kind: Kind): Draft => ({
  v: 1,
  key: randomKey(),
  kind,
  purpose: kind === 'inquiry' ? 'question' : '',
  categoryId: '',
  townshipUnitId: '',
  address: '',
  title: '',
  content: '',
  name: '',
  anonymous: false,
  phone: '',
  idNumber: '',
  isPublic: true,
  files: [],
});

const hasContent = (d: Draft) => !!(d.title || d.content || d.phone || d.name || d.address || d.files.length);
const isKind = (k: string | null): k is Kind => k === 'petition' || k === 'inquiry';

/** A short digest of a body (not the body: the ID number must not be kept on the device). */
function digest(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
const digits = (s: string) =>
  s
    .replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\D/g, '')
    .replace(/^86(?=1\d{10}$)/, '');
const validPhone = (s: string) => /^1[3-9]\d{9}$/.test(digits(s)) || /^0\d{2,3}\d{7,8}$/.test(digits(s));

function validId(s: string): boolean {
  const id = s.replace(/\s/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * w[i]!;
  return '10X98765432'[sum % 11] === id[17];
}

type Errors = Partial<
  Record<
    'kind' | 'purpose' | 'title' | 'content' | 'name' | 'phone' | 'idNumber' | 'address' | 'files',
    string
  >
>;
// Order of the error summary = order on the page.
const FIELD_ORDER: (keyof Errors)[] = [
  'kind',
  'purpose',
  'address',
  'title',
  'content',
  'name',
  'phone',
  'idNumber',
  'files',
];
const FIELD_ID: Record<keyof Errors, string> = {
  kind: 'f-kind',
  purpose: 'f-purpose',
  address: 'f-address',
  title: 'f-title',
  content: 'f-content',
  name: 'f-name',
  phone: 'f-phone',
  idNumber: 'f-id',
  files: 'f-files',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function Submit() {
  const info = useInfo();
  const slug = tenant();
  const qKind = query().get('kind');
  const stored = loadDraft<Draft>(slug);
  const kept =
    stored?.v === 1 && stored.key && isKind(stored.kind) ? { ...freshDraft(stored.kind), ...stored } : null;
  // A draft with something in it keeps its own 反映类型 whatever the address says (a reload, the
  // home page's doors, a shared link must never turn a private complaint into a public question);
  // an empty one starts afresh as the door the citizen came by.
  const restored = !!kept && hasContent(kept);
  const initial: Draft = restored ? kept : freshDraft(isKind(qKind) ? qKind : (kept?.kind ?? 'petition'));
  const [draft, setDraft] = createStore<Draft>(initial);
  const [showRestored, setShowRestored] = createSignal(restored);
  const [errors, setErrors] = createSignal<Errors>({});
  const [formError, setFormError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [pending, setPending] = createStore<Pending[]>([]);
  const [fileNotice, setFileNotice] = createSignal('');
  const [catFilter, setCatFilter] = createSignal('');
  const [captchaState, setCaptchaState] = createSignal<'idle' | 'working' | 'done' | 'failed'>('idle');
  let summaryEl: HTMLDivElement | undefined;
  let fileInput: HTMLInputElement | undefined;

  // ---- the draft follows every change (debounced), and is flushed when the page is hidden ----
  let saveTimer = 0;
  // The ID number is not kept on the device (a shared phone): it is optional and quick to retype.
  const persist = () => {
    clearTimeout(saveTimer);
    saveDraft(slug, { ...unwrap(draft), idNumber: '' });
  };
  createEffect(() => {
    JSON.stringify(draft); // track every field
    clearTimeout(saveTimer);
    saveTimer = window.setTimeout(persist, 300);
  });
  const onHide = () => {
    if (!busy()) persist();
  };
  onMount(() => {
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
  });
  onCleanup(() => {
    clearTimeout(saveTimer);
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
  });

  const set = <K extends keyof Draft>(k: K, value: Draft[K]) => {
    setDraft(k as never, value as never);
    if (errors()[k as keyof Errors]) setErrors({ ...errors(), [k]: undefined });
  };

  const anonymousAllowed = () => info()?.anonymousAllowed[draft.kind] ?? false;
  createEffect(() => {
    if (!anonymousAllowed() && draft.anonymous) setDraft('anonymous', false);
    if (draft.kind === 'inquiry' && draft.purpose === 'accusation') setDraft('purpose', '');
  });
  // A draft kept for days may hold a category or township the county has since retired: the list
  // no longer shows it (the field reads 不确定) while the server would refuse it, with no field to
  // fix. It is dropped as soon as the county's lists are known.
  createEffect(() => {
    const i = info();
    if (!i) return;
    if (draft.categoryId && !i.categories.some((c) => c.id === draft.categoryId)) setDraft('categoryId', '');
    if (draft.townshipUnitId && !i.townships.some((u) => u.id === draft.townshipUnitId))
      setDraft('townshipUnitId', '');
  });
  // The header's 我要投诉 / 我要问政 links change only the query while this page stays mounted;
  // the address (and so the header's current item and the tab's title) follows the radio.
  createEffect(
    on(
      () => query().get('kind'),
      (k) => {
        if (isKind(k)) set('kind', k);
      },
      { defer: true },
    ),
  );
  createEffect(() => setQueryParam('kind', draft.kind));
  const title = () => (draft.kind === 'inquiry' ? M.submit.titleInquiry : M.submit.titlePetition);

  // ---- categories: a tree shown as an indented list, narrowed by a search box ----
  const categoryOptions = createMemo(() => {
    const cats = info()?.categories ?? [];
    const byParent = new Map<string | null, typeof cats>();
    for (const c of cats) {
      const p = c.parentId && cats.some((x) => x.id === c.parentId) ? c.parentId : null;
      byParent.set(p, [...(byParent.get(p) ?? []), c]);
    }
    const out: { id: string; name: string; path: string; depth: number }[] = [];
    const walk = (parent: string | null, depth: number, path: string[]) => {
      for (const c of byParent.get(parent) ?? []) {
        const p = [...path, c.name];
        out.push({ id: c.id, name: c.name, path: p.join(' › '), depth });
        if (depth < 6) walk(c.id, depth + 1, p);
      }
    };
    walk(null, 0, []);
    return out;
  });
  const shownCategories = createMemo(() => {
    const f = catFilter().trim();
    const all = categoryOptions();
    if (!f) return all.map((c) => ({ id: c.id, label: '\u3000'.repeat(c.depth) + c.name }));
    return all
      .filter((c) => c.path.includes(f) || c.id === draft.categoryId)
      .map((c) => ({ id: c.id, label: c.path }));
  });
  const categoryMatches = () =>
    shownCategories().filter((c) => c.id !== draft.categoryId || catFilter()).length;

  // ---- the captcha, solved in the background ----
  let captcha: { payload: string; expires: number } | null = null;
  let solving: Promise<string | undefined> | null = null;
  const ensureCaptcha = (force = false): Promise<string | undefined> => {
    if (!info()?.captcha.required) return Promise.resolve(undefined);
    if (!force && captcha && captcha.expires - Date.now() > 120_000) return Promise.resolve(captcha.payload);
    if (!force && solving) return solving;
    setCaptchaState('working');
    const run = (async () => {
      try {
        const ch = await api.captcha();
        const payload = await solveChallenge(ch);
        if (!payload) throw new Error('unsolved');
        captcha = { payload, expires: challengeExpiry(ch) };
        setCaptchaState('done');
        return payload;
      } catch (e) {
        setCaptchaState('failed');
        throw e;
      } finally {
        solving = null;
      }
    })();
    solving = run;
    return run;
  };
  onMount(() => {
    // Let the page draw first on a slow phone, then do the work.
    const t = window.setTimeout(() => ensureCaptcha().catch(() => undefined), 800);
    onCleanup(() => clearTimeout(t));
  });

  // ---- attachments ----
  let localSeq = 0;
  const startUpload = async (p: Pending) => {
    const upd = (patch: Partial<Pending>) =>
      setPending(
        (x) => x.localId === p.localId,
        produce((x: Pending) => Object.assign(x, patch)),
      );
    try {
      upd({ status: 'shrinking', progress: 0, error: '' });
      const { blob, name } = await shrinkImage(p.file);
      upd({ status: 'uploading' });
      const saved = await uploadFile(blob, name, (progress) => upd({ progress }));
      batch(() => {
        setDraft('files', (f) => [...f, saved]);
        setPending((list) => list.filter((x) => x.localId !== p.localId));
        if (errors().files) setErrors({ ...errors(), files: undefined });
      });
      persist();
    } catch (e) {
      upd({ status: 'failed', error: e instanceof ApiError ? e.message : M.errors.network });
    }
  };
  const onFiles = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = '';
    const notices: string[] = [];
    let room = MAX_FILES - draft.files.length - pending.length;
    for (const file of files) {
      if (room <= 0) {
        notices.push(M.submit.fileTooMany);
        break;
      }
      const okType =
        /^(image\/(jpeg|png|webp)|application\/pdf)$/.test(file.type) ||
        /\.(jpe?g|png|webp|pdf)$/i.test(file.name);
      if (!okType) {
        notices.push(M.submit.fileBadType(file.name));
        continue;
      }
      // Images get shrunk first; only a PDF can be refused for size before trying.
      if (file.size > MAX_BYTES && !file.type.startsWith('image/')) {
        notices.push(M.submit.fileTooBig(file.name));
        continue;
      }
      room--;
      const p: Pending = {
        localId: ++localSeq,
        name: file.name,
        file,
        status: 'shrinking',
        progress: 0,
        error: '',
      };
      setPending(pending.length, p);
      void startUpload(p);
    }
    setFileNotice(notices.join(' '));
  };
  const removeFile = (id: string) => {
    setDraft('files', (f) => f.filter((x) => x.id !== id));
    fileInput?.focus();
  };
  const removePending = (localId: number) => {
    setPending((list) => list.filter((x) => x.localId !== localId));
    fileInput?.focus();
  };

  // ---- validation, at the field, in Chinese ----
  const validate = (): Errors => {
    const e: Errors = {};
    if (draft.kind !== 'petition' && draft.kind !== 'inquiry') e.kind = M.v.kind;
    if (!draft.purpose) e.purpose = M.v.purpose;
    else if (draft.kind === 'inquiry' && draft.purpose === 'accusation') e.purpose = M.v.accusationPublic;
    if (charCount(draft.address) > LIMITS.address.max) e.address = M.v.addressLong;
    if (charCount(draft.title) < LIMITS.title.min) e.title = M.v.titleShort;
    else if (charCount(draft.title) > LIMITS.title.max) e.title = M.v.titleLong;
    if (charCount(draft.content) < LIMITS.content.min) e.content = M.v.contentShort;
    else if (charCount(draft.content) > LIMITS.content.max) e.content = M.v.contentLong;
    if (!draft.anonymous) {
      if (draft.kind === 'petition' && !draft.name.trim())
        e.name = anonymousAllowed() ? M.v.name : M.v.nameNoAnonymous;
      else if (charCount(draft.name) > LIMITS.name.max) e.name = M.v.nameLong;
      if (draft.idNumber.trim() && !validId(draft.idNumber)) e.idNumber = M.v.idNumberBad;
    }
    if (!draft.phone.trim()) e.phone = M.v.phone;
    else if (!validPhone(draft.phone)) e.phone = M.v.phoneBad;
    return e;
  };
  const errorList = () => FIELD_ORDER.filter((k) => errors()[k]).map((k) => ({ k, msg: errors()[k]! }));

  const focusField = (k: keyof Errors) => {
    const el = document.getElementById(FIELD_ID[k]);
    if (!el) return;
    // A group (fieldset) takes focus itself; its first input is what the keyboard needs.
    const target = el.tagName === 'FIELDSET' ? (el.querySelector('input') ?? el) : el;
    target.focus();
    el.scrollIntoView({ block: 'center' });
  };

  const body = (captchaPayload: string | undefined, website: string): CaseSubmission => {
    const d = draft;
    return {
      kind: d.kind,
      purpose: d.purpose as Purpose,
      categoryId: d.categoryId || undefined,
      townshipUnitId: d.townshipUnitId || undefined,
      address: d.address.trim() || undefined,
      title: d.title.trim(),
      content: d.content.trim(),
      name: d.anonymous ? undefined : d.name.trim() || undefined,
      phone: d.phone.trim(),
      idNumber: d.anonymous ? undefined : d.idNumber.trim() || undefined,
      anonymous: d.anonymous,
      isPublic: d.kind === 'inquiry' ? d.isPublic : false,
      attachmentIds: d.files.map((f) => f.id),
      captcha: captchaPayload,
      website,
    };
  };

  const serverErrors = (err: ApiError): Errors => {
    const e: Errors = {};
    for (const d of err.details) {
      const path = (d.path ?? '').replace(/^petitioner\./, '');
      const k: keyof Errors | null =
        path === 'anonymous'
          ? 'name'
          : path === 'attachmentIds'
            ? 'files'
            : path === 'idNumber'
              ? 'idNumber'
              : (FIELD_ORDER as string[]).includes(path)
                ? (path as keyof Errors)
                : null;
      if (k && !e[k]) e[k] = d.message;
    }
    return e;
  };

  const onSubmit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    if (busy()) return;
    setFormError('');
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) {
      queueMicrotask(() => summaryEl?.focus());
      return;
    }
    if (pending.some((p) => p.status !== 'failed')) {
      setFormError(M.submit.waitUploads);
      return;
    }
    if (pending.length) {
      setFormError(M.submit.uploadFailedBlock);
      return;
    }
    const website =
      (ev.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#f-website')?.value ?? '';
    setBusy(true);
    // The key belongs to the body first sent with it: once the citizen changed the form after an
    // attempt, what is sent now is another submission and gets a key of its own.
    const sending = body(undefined, website);
    const sentDigest = digest(JSON.stringify(sending));
    if (draft.sent && draft.sent !== sentDigest) setDraft('key', randomKey());
    setDraft('sent', sentDigest);
    persist();
    try {
      let tries = 0;
      let renewed = false;
      let receipt: Awaited<ReturnType<typeof api.submit>> | null = null;
      while (!receipt) {
        try {
          const payload = await ensureCaptcha();
          receipt = await api.submit({ ...sending, captcha: payload }, draft.key);
        } catch (err) {
          // The server holds this key for another body (an edit the page did not see, another tab):
          // once, the same body under a new key.
          if (err instanceof ApiError && err.code === 'IDEMPOTENCY_MISMATCH' && !renewed) {
            renewed = true;
            setDraft('key', randomKey());
            persist();
            continue;
          }
          const captchaRejected =
            err instanceof ApiError &&
            err.code === 'VALIDATION' &&
            err.details.some((d) => d.path === 'captcha');
          const unsure = err instanceof ApiError ? err.uncertain : true;
          if (tries < 2 && (captchaRejected || unsure)) {
            tries++;
            if (captchaRejected) {
              captcha = null;
              await ensureCaptcha(true);
            } else await sleep(1500 * tries);
            continue;
          }
          throw err;
        }
      }
      // The receipt says what the server answered, and the server's time, about what was sent.
      addReceipt(slug, {
        number: receipt.number,
        queryCode: receipt.queryCode,
        secret: receipt.secret,
        kind: sending.kind,
        title: sending.title,
        at: receipt.receivedAt,
        routeDueAt: receipt.routeDueAt,
        keptAt: Date.now(),
      });
      removeDraft(slug);
      clearTimeout(saveTimer);
      navigate(href('/receipt'), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.details.length) {
        const se = serverErrors(err);
        if (Object.keys(se).length) {
          setErrors(se);
          queueMicrotask(() => summaryEl?.focus());
        } else setFormError(err.message);
      } else if (err instanceof ApiError && !err.uncertain) setFormError(err.message);
      else if (err instanceof ApiError && err.status >= 500) setFormError(M.submit.serverRetry);
      else setFormError(M.submit.networkRetry);
    } finally {
      setBusy(false);
    }
  };

  const clearDraft = () => {
    if (!window.confirm(M.submit.confirmClear)) return;
    const fresh = freshDraft(draft.kind);
    setDraft(fresh);
    setPending([]);
    setErrors({});
    setFormError('');
    setShowRestored(false);
    saveDraft(slug, fresh);
    document.getElementById('f-title')?.focus();
  };

  const fileSize = (n: number) =>
    n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

  return (
    <>
      <PageTitle>{title()}</PageTitle>
      <p class="lead" hidden={info()?.open === false}>
        {M.submit.intro}
      </p>
      <Show when={showRestored()}>
        <div class="info-box" role="status">
          <span>{M.submit.restored(M.kindShort[draft.kind])}</span>{' '}
          <button type="button" class="link-btn" onClick={clearDraft}>
            {M.submit.clearDraft}
          </button>
        </div>
      </Show>

      <Show when={info()?.open === false}>
        <PortalClosed />
      </Show>
      <form
        class="form"
        novalidate
        onSubmit={onSubmit}
        aria-describedby="consent"
        hidden={info()?.open === false}
      >
        <Show when={errorList().length}>
          <div class="error-summary" role="alert" tabIndex={-1} ref={summaryEl} aria-labelledby="err-h">
            <h2 id="err-h">{M.submit.errorsTitle(errorList().length)}</h2>
            <ul>
              <For each={errorList()}>
                {(x) => (
                  <li>
                    <a
                      href={`#${FIELD_ID[x.k]}`}
                      onClick={(e) => {
                        e.preventDefault();
                        focusField(x.k);
                      }}
                    >
                      {x.msg}
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>

        <Group id="f-kind" legend={M.submit.kind} required error={errors().kind}>
          <div class="choices inline">
            <For each={['petition', 'inquiry'] as Kind[]}>
              {(k) => (
                <Radio
                  name="kind"
                  value={k}
                  checked={draft.kind === k}
                  onChange={(v) => set('kind', v as Kind)}
                  label={M.kinds[k]}
                />
              )}
            </For>
          </div>
        </Group>

        <Group id="f-purpose" legend={M.submit.purpose} required error={errors().purpose}>
          <div class="choices grid">
            <For each={PURPOSES.filter((p) => draft.kind === 'petition' || p !== 'accusation')}>
              {(p) => (
                <Radio
                  name="purpose"
                  value={p}
                  checked={draft.purpose === p}
                  onChange={(v) => set('purpose', v as Purpose)}
                  label={M.purposes[p]}
                />
              )}
            </For>
          </div>
        </Group>

        <Field id="f-category" label={M.submit.category} hint={M.submit.categoryFilterHint}>
          <label class="sr-only" for="f-category-filter">
            {M.submit.categoryFilter}
          </label>
          <input
            id="f-category-filter"
            type="search"
            class="input"
            placeholder={M.submit.categoryFilter}
            autocomplete="off"
            aria-controls="f-category"
            aria-describedby="f-category-count"
            value={catFilter()}
            onInput={(e) => setCatFilter(e.currentTarget.value)}
          />
          <p id="f-category-count" class="hint" role="status" aria-live="polite">
            {catFilter().trim() ? M.submit.categoryCount(categoryMatches()) : ''}
          </p>
          <select
            id="f-category"
            class="input"
            aria-describedby="f-category-hint"
            value={draft.categoryId}
            onChange={(e) => set('categoryId', e.currentTarget.value)}
          >
            <option value="">{M.submit.categoryNone}</option>
            <For each={shownCategories()}>{(c) => <option value={c.id}>{c.label}</option>}</For>
          </select>
        </Field>

        <Show when={(info()?.townships.length ?? 0) > 0}>
          <Field id="f-township" label={M.submit.township}>
            <select
              id="f-township"
              class="input"
              value={draft.townshipUnitId}
              onChange={(e) => set('townshipUnitId', e.currentTarget.value)}
            >
              <option value="">{M.submit.townshipNone}</option>
              <For each={info()?.townships ?? []}>{(u) => <option value={u.id}>{u.name}</option>}</For>
            </select>
          </Field>
        </Show>

        <Field id="f-address" label={M.submit.address} hint={M.submit.addressHint} error={errors().address}>
          <input
            id="f-address"
            class="input"
            type="text"
            autocomplete="street-address"
            maxLength={inputCap(LIMITS.address.max)}
            aria-invalid={!!errors().address}
            aria-describedby={describedBy('f-address', true, errors().address)}
            value={draft.address}
            onInput={(e) => set('address', e.currentTarget.value)}
          />
        </Field>

        <Field id="f-title" label={M.submit.title} required hint={M.submit.titleHint} error={errors().title}>
          <input
            id="f-title"
            class="input"
            type="text"
            autocomplete="off"
            maxLength={inputCap(LIMITS.title.max)}
            aria-required="true"
            aria-invalid={!!errors().title}
            aria-describedby={describedBy('f-title', true, errors().title)}
            value={draft.title}
            onInput={(e) => set('title', e.currentTarget.value)}
          />
        </Field>

        <Field
          id="f-content"
          label={M.submit.content}
          required
          hint={M.submit.contentHint}
          error={errors().content}
          after={
            <p
              class="counter"
              id="f-content-counter"
              classList={{ over: charCount(draft.content) > LIMITS.content.max }}
            >
              {M.submit.counter(charCount(draft.content), LIMITS.content.max)}
            </p>
          }
        >
          <textarea
            id="f-content"
            class="input"
            rows={8}
            aria-required="true"
            aria-invalid={!!errors().content}
            aria-describedby={`${describedBy('f-content', true, errors().content)} f-content-counter`}
            value={draft.content}
            onInput={(e) => set('content', e.currentTarget.value)}
          />
        </Field>

        <Show when={anonymousAllowed()}>
          <div class="field">
            <div class="choice">
              <input
                id="f-anonymous"
                type="checkbox"
                aria-describedby="f-anonymous-hint"
                checked={draft.anonymous}
                onChange={(e) => set('anonymous', e.currentTarget.checked)}
              />
              <label for="f-anonymous">{M.submit.anonymous}</label>
            </div>
            <p class="hint" id="f-anonymous-hint">
              {M.submit.anonymousHint}
            </p>
          </div>
        </Show>

        <Show when={!draft.anonymous}>
          <Field id="f-name" label={M.submit.name} required={draft.kind === 'petition'} error={errors().name}>
            <input
              id="f-name"
              class="input narrow"
              type="text"
              autocomplete="name"
              maxLength={inputCap(LIMITS.name.max)}
              aria-required={draft.kind === 'petition'}
              aria-invalid={!!errors().name}
              aria-describedby={describedBy('f-name', false, errors().name)}
              value={draft.name}
              onInput={(e) => set('name', e.currentTarget.value)}
            />
          </Field>
        </Show>

        <Field id="f-phone" label={M.submit.phone} required hint={M.submit.phoneHint} error={errors().phone}>
          <input
            id="f-phone"
            class="input narrow"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            maxLength={20}
            aria-required="true"
            aria-invalid={!!errors().phone}
            aria-describedby={describedBy('f-phone', true, errors().phone)}
            value={draft.phone}
            onInput={(e) => set('phone', e.currentTarget.value)}
          />
        </Field>

        <Show when={!draft.anonymous && draft.kind === 'petition'}>
          <Field id="f-id" label={M.submit.idNumber} hint={M.submit.idNumberHint} error={errors().idNumber}>
            <input
              id="f-id"
              class="input narrow"
              type="text"
              inputmode="text"
              autocomplete="off"
              maxLength={20}
              aria-invalid={!!errors().idNumber}
              aria-describedby={describedBy('f-id', true, errors().idNumber)}
              value={draft.idNumber}
              onInput={(e) => set('idNumber', e.currentTarget.value)}
            />
          </Field>
        </Show>

        <Show when={draft.kind === 'inquiry'}>
          <Group id="f-public" legend={M.submit.isPublic} required>
            <div class="choices">
              <Radio
                name="isPublic"
                value="yes"
                checked={draft.isPublic}
                onChange={() => set('isPublic', true)}
                label={M.submit.publicYes}
              />
              <Radio
                name="isPublic"
                value="no"
                checked={!draft.isPublic}
                onChange={() => set('isPublic', false)}
                label={M.submit.publicNo}
              />
            </div>
          </Group>
        </Show>

        <Field id="f-files" label={M.submit.files} hint={M.submit.filesHint} error={errors().files}>
          <input
            id="f-files"
            ref={fileInput}
            class="file-input sr-only"
            type="file"
            multiple
            accept={ACCEPT}
            disabled={draft.files.length + pending.length >= MAX_FILES}
            aria-describedby={describedBy('f-files', true, errors().files)}
            onChange={onFiles}
          />
          {/* the browser's own button speaks the phone's language; this one always speaks Chinese */}
          <label for="f-files" class="file-button">
            {M.submit.chooseFiles}
          </label>
          <Show when={fileNotice()}>
            <p class="error" role="alert">
              {fileNotice()}
            </p>
          </Show>
          <ul class="files" aria-live="polite">
            <For each={draft.files}>
              {(f) => (
                <li>
                  <span class="file-name">{f.fileName}</span>
                  <span class="meta">
                    {fileSize(f.size)} · {M.submit.fileDone}
                  </span>
                  <button
                    type="button"
                    class="link-btn"
                    onClick={() => removeFile(f.id)}
                    aria-label={M.submit.fileRemove(f.fileName)}
                  >
                    {M.submit.remove}
                  </button>
                </li>
              )}
            </For>
            <For each={pending}>
              {(p) => (
                <li classList={{ failed: p.status === 'failed' }}>
                  <span class="file-name">{p.name}</span>
                  <span class="meta">
                    {p.status === 'shrinking'
                      ? M.submit.fileShrinking
                      : p.status === 'uploading'
                        ? M.submit.fileUploading(p.progress)
                        : `${M.submit.fileFailed}：${p.error}`}
                  </span>
                  <Show when={p.status === 'failed'}>
                    <button type="button" class="link-btn" onClick={() => void startUpload(p)}>
                      {M.submit.fileRetry}
                    </button>
                  </Show>
                  <button
                    type="button"
                    class="link-btn"
                    onClick={() => removePending(p.localId)}
                    aria-label={M.submit.fileRemove(p.name)}
                  >
                    {M.submit.remove}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Field>

        {/* Honeypot: out of sight and out of the tab order; only scripts fill it. */}
        <div class="hp" aria-hidden="true">
          <label for="f-website">{M.submit.honeypot}</label>
          <input id="f-website" name="website" type="text" tabIndex={-1} autocomplete="off" />
        </div>

        <Show when={formError()}>
          <Alert>{formError()}</Alert>
        </Show>
        <p id="consent" class="hint">
          {M.submit.consent}
        </p>
        <p class="hint">
          {captchaState() === 'working'
            ? M.submit.captchaWorking
            : captchaState() === 'done'
              ? M.submit.captchaDone
              : captchaState() === 'failed'
                ? M.submit.captchaFailed
                : ''}
        </p>
        <p class="sr-only" role="status">
          {busy() ? M.submit.sending : ''}
        </p>
        <button type="submit" class="btn btn-primary btn-block" aria-disabled={busy()}>
          {busy() ? M.submit.sending : M.submit.send}
        </button>
      </form>
    </>
  );
}
