// 历史数据导入: a county's past cases from its old system, as CSV (the spreadsheet layout) or NDJSON,
// through POST /api/t/{tenant}/import (docs/IMPORT.md). All or nothing: one bad line rejects the
// whole batch and the page lists every problem by line; a re-upload skips what was imported already.
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { ErrorNotice, Field, PageTitle } from '../components/ui';
import { ApiError, type ImportFormat, type ImportLineResult, t, UserError } from '../lib/api';
import { slug } from '../lib/session';
import {
  csvTemplate,
  decodeFile,
  fieldName,
  fileProblems,
  garbled,
  guessFormat,
  lineCount,
  MAX_CASES,
  mergeProblems,
  type Problem,
  preview,
  split,
} from './import-format';
type Outcome =
  | { kind: 'ok'; imported: number; skipped: number; lines: number; results: ImportLineResult[] }
  | { kind: 'rejected'; message: string; problems: Problem[] };

const FORMAT_NAME: Record<ImportFormat, string> = { csv: 'CSV（表格）', ndjson: 'NDJSON（每行一件）' };

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default function Import() {
  const [text, setText] = createSignal('');
  const [fileName, setFileName] = createSignal('');
  const [fileSize, setFileSize] = createSignal(0);
  const [format, setFormat] = createSignal<ImportFormat>('csv');
  // the file's encoding as read: UTF-8, or GB18030 (GBK) when its bytes were not valid UTF-8
  const [encoding, setEncoding] = createSignal<'utf-8' | 'gb18030' | null>(null);
  const [status, setStatus] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  let heading: HTMLHeadingElement | undefined;
  let fileInput: HTMLInputElement | undefined;

  const template = URL.createObjectURL(new Blob([csvTemplate()], { type: 'text/csv;charset=utf-8' }));
  onCleanup(() => URL.revokeObjectURL(template));

  // lines with U+FFFD: bytes in neither UTF-8 nor GB18030, or pasted text already garbled
  const badLines = createMemo(() => garbled(text()));
  const firstRows = createMemo(() => (text() ? preview(text(), format()) : []));
  const bytes = () => (fileName() ? fileSize() : new TextEncoder().encode(text()).length);

  const reset = () => {
    setOutcome(null);
    setError(null);
    setStatus('');
  };

  const choose = async (file: File | undefined) => {
    reset();
    if (!file) return;
    const read = decodeFile(new Uint8Array(await file.arrayBuffer()));
    setFileName(file.name);
    setFileSize(file.size);
    setEncoding(read.encoding);
    setText(read.text);
    setFormat(guessFormat(read.text, file.name));
  };

  const paste = (value: string) => {
    reset();
    if (fileName()) {
      setFileName('');
      if (fileInput) fileInput.value = '';
    }
    setEncoding(null);
    setText(value);
    setFormat(guessFormat(value));
  };

  const show = (o: Outcome, spoken: string) => {
    setOutcome(o);
    setStatus(spoken);
    queueMicrotask(() => heading?.focus());
  };

  const upload = async () => {
    if (busy()) return;
    reset();
    try {
      if (!text().trim()) throw new UserError('请先选择文件或粘贴要导入的内容。');
      if (badLines().length)
        throw new UserError(
          `第 ${badLines()[0]} 行有无法识别的字符，不能导入。请另存为 UTF-8 编码后重新选择。`,
        );
      setBusy(true);
      const chunks = split(text(), format());
      const api = t(slug());
      // Several requests: check all of them first (dryRun), so that the file stays all or nothing,
      // and the whole file at once for what spans batches (an external id repeated in a later one).
      if (chunks.length > 1) {
        const problems: Problem[] = fileProblems(text(), format());
        for (const [i, c] of chunks.entries()) {
          setStatus(`正在检查第 ${i + 1}/${chunks.length} 批（每批最多 ${MAX_CASES} 件）…`);
          try {
            await api.importCases(c.body, format(), true);
          } catch (e) {
            if (!(e instanceof ApiError && e.code === 'VALIDATION')) throw e;
            for (const d of e.details)
              problems.push({
                line: c.lines[d.line ?? 0] ?? d.line ?? 0,
                path: d.path ?? '',
                message: d.message,
              });
          }
        }
        if (problems.length) {
          // a CSV header's problems come back from every batch: each is listed once
          const all = mergeProblems(problems);
          show(
            { kind: 'rejected', message: `导入未执行：${all.length} 处有误`, problems: all },
            `整批未导入：发现 ${all.length} 处错误`,
          );
          return;
        }
      }
      let imported = 0;
      let skipped = 0;
      let lines = 0;
      const results: ImportLineResult[] = [];
      for (const [i, c] of chunks.entries()) {
        setStatus(chunks.length > 1 ? `正在导入第 ${i + 1}/${chunks.length} 批…` : '正在上传并检查…');
        try {
          const r = await api.importCases(c.body, format());
          imported += r.imported;
          skipped += r.skipped;
          lines += r.lines;
          for (const x of r.results) results.push({ ...x, line: c.lines[x.line] ?? x.line });
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 'VALIDATION')) throw e;
          const problems = e.details.map((d) => ({
            line: c.lines[d.line ?? 0] ?? d.line ?? 0,
            path: d.path ?? '',
            message: d.message,
          }));
          const done =
            i > 0
              ? `（此前 ${i} 批已导入，共 ${imported} 件；改正后重新上传整个文件即可，已导入的会自动跳过）`
              : '';
          show(
            { kind: 'rejected', message: `${e.message}${done}`, problems },
            `整批未导入：发现 ${problems.length} 处错误`,
          );
          return;
        }
      }
      show(
        { kind: 'ok', imported, skipped, lines, results },
        `导入完成：新导入 ${imported} 件，跳过 ${skipped} 件`,
      );
    } catch (e) {
      setStatus('');
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="import-page">
      <PageTitle>历史数据导入</PageTitle>
      <p>
        把原信访系统的历史案件（含办理过程）导入本县，统计、排名和通报即可覆盖迁移前的年份，同比从第一个月起可用。
        导入的案件与在线办理的案件同等计入统计。
      </p>

      <details class="card">
        <summary>文件格式说明</summary>
        <ul>
          <li>
            <strong>CSV（表格）</strong>：UTF-8 编码（可带 BOM；Excel 另存的 GBK
            编码也可，页面会自动识别并显示预览），第一行为列名（中文列名或英文键名均可，顺序不限）。
            每个案件每个承办单位一行；外部编号相同的多行是同一件交办给多个单位，案件本身的各列以第一行为准；
            没有承办单位的行表示尚未交办；复查、复核写在该件第一行的“复查申请时间”“复查结论”“复核申请时间”等列（结论填维持或撤销或变更）。重办、多次延期等请用
            NDJSON 格式。
          </li>
          <li>
            <strong>NDJSON</strong>（.ndjson / .jsonl）：每行一个 JSON 对象，一行一件，可包含完整的办理记录。
          </li>
          <li>
            必填：外部编号（原系统编号，重复导入时据此跳过）、来源渠道、信访目的、标题、诉求内容、收件时间。
            承办单位、所属乡镇、内容分类按本县现有名称填写。
          </li>
          <li>时间写作“2023-03-02 09:00”（本县时间）或带时区的 ISO-8601；只写日期不行，也不能晚于现在。</li>
          <li>
            <strong>全部或全不</strong>
            ：只要有一行有误，整批都不会写入，页面会按行列出问题；改正后重新上传整个文件即可。
            已导入过的外部编号会自动跳过，重复上传不会重复入库。每次请求最多 {MAX_CASES}{' '}
            件，更大的文件会自动分批。
          </li>
        </ul>
        <p>
          <a href={template} download="历史数据导入模板.csv">
            下载 CSV 模板
          </a>
          （含全部列名和一行虚构示例）　·　
          <a href="/api/docs" target="_blank" rel="noopener">
            接口文档（POST /api/t/…/import）
          </a>
        </p>
      </details>

      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <div class="field">
          <label class="field-label" for="import-file">
            选择文件
          </label>
          <input
            id="import-file"
            class="file-input sr-only"
            ref={fileInput}
            type="file"
            accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson"
            onChange={(e) => void choose(e.currentTarget.files?.[0])}
          />
          <label class="file-button" for="import-file">
            {fileName() ? `已选择：${fileName()}（点此更换）` : '选择文件…'}
          </label>
          <span class="hint">.csv、.ndjson 或 .jsonl，UTF-8 编码（GBK 编码的文件会自动识别）</span>
        </div>
        <Field label="或粘贴内容" hint="粘贴 CSV（含列名行）或 NDJSON 文本">
          <textarea
            rows={6}
            spellcheck={false}
            value={fileName() ? '' : text()}
            placeholder={fileName() ? `已选择文件：${fileName()}` : ''}
            onInput={(e) => paste(e.currentTarget.value)}
          />
        </Field>
        <fieldset class="inline-form">
          <legend>格式</legend>
          <For each={['csv', 'ndjson'] as ImportFormat[]}>
            {(f) => (
              <label>
                <input
                  type="radio"
                  name="import-format"
                  value={f}
                  checked={format() === f}
                  onChange={() => setFormat(f)}
                />{' '}
                {FORMAT_NAME[f]}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={text()}>
          <p class="muted" data-testid="import-size">
            {fileName() ? `文件：${fileName()}，` : '粘贴内容：'}
            {size(bytes())}，共 {lineCount(text())} 行
          </p>
        </Show>
        <Show when={encoding() === 'gb18030' && !badLines().length}>
          <p class="notice notice-info" data-testid="import-encoding">
            文件不是 UTF-8 编码，已按 GBK/GB18030 编码读取。请核对下面的预览，文字无误再上传。
          </p>
        </Show>
        <Show when={badLines().length}>
          <p class="notice notice-error" data-testid="import-garbled">
            第 {badLines().slice(0, 5).join('、')} 行
            {badLines().length > 5 ? `等 ${badLines().length} 行` : ''}
            有无法识别的字符（文件既不是 UTF-8 也不是 GBK 编码，或粘贴的内容已是乱码），不能导入。请在 Excel
            中另存为“CSV UTF-8（逗号分隔）”后重新选择。
          </p>
        </Show>
        <Show when={firstRows().length}>
          <details class="import-preview" open={encoding() === 'gb18030'}>
            <summary>预览（开头几行）</summary>
            <section class="table-wrap" tabindex="0" aria-label="导入内容预览">
              <Show
                when={format() === 'csv'}
                fallback={
                  <pre>
                    <For each={firstRows()}>{(r) => `${r[0]}\n`}</For>
                  </pre>
                }
              >
                {/* below a desktop's width each line is a card, each value named by its column */}
                <table class="stack">
                  <thead>
                    <tr>
                      <For each={firstRows()[0]}>{(h) => <th scope="col">{h}</th>}</For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={firstRows().slice(1)}>
                      {(r) => (
                        <tr>
                          <For each={r}>{(c, i) => <td data-label={firstRows()[0]?.[i()]}>{c}</td>}</For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </section>
          </details>
        </Show>
        <button type="submit" class="primary" disabled={busy() || !text().trim() || badLines().length > 0}>
          {busy() ? '正在导入…' : '上传并导入'}
        </button>
      </form>

      <p class="muted" role="status" aria-live="polite">
        {status()}
      </p>
      <ErrorNotice error={error()} />

      <Show when={outcome()}>
        {(o) => (
          <section class="card" aria-labelledby="import-result">
            <h2 id="import-result" ref={heading} tabindex="-1">
              {o().kind === 'ok' ? '导入结果：已完成' : '导入结果：整批未导入'}
            </h2>
            <Show
              when={o().kind === 'ok' ? (o() as Extract<Outcome, { kind: 'ok' }>) : false}
              fallback={<Rejected outcome={o() as Extract<Outcome, { kind: 'rejected' }>} />}
            >
              {(ok) => (
                <>
                  <p class="notice notice-ok">
                    新导入 <strong>{ok().imported}</strong> 件，跳过 <strong>{ok().skipped}</strong>{' '}
                    件（此前已导入，按外部编号识别），共 {ok().lines} 件。
                  </p>
                  <Show when={ok().results.length}>
                    <details>
                      <summary>逐行结果</summary>
                      <div class="table-wrap">
                        <table>
                          <caption class="sr-only">逐行导入结果</caption>
                          <thead>
                            <tr>
                              <th scope="col">行号</th>
                              <th scope="col">外部编号</th>
                              <th scope="col">结果</th>
                              <th scope="col">案件编号</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={ok().results}>
                              {(r) => (
                                <tr>
                                  <td>{r.line}</td>
                                  <td>{r.externalId}</td>
                                  <td>{r.status === 'imported' ? '已导入' : '已跳过（此前已导入）'}</td>
                                  <td>{r.number ?? '—'}</td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </details>
                  </Show>
                </>
              )}
            </Show>
          </section>
        )}
      </Show>
    </section>
  );
}

function Rejected(props: { outcome: Extract<Outcome, { kind: 'rejected' }> }) {
  return (
    <>
      <p class="notice notice-error">
        {props.outcome.message}
        <br />
        本批所有记录均未写入（全部或全不）。请按下表改正后重新上传整个文件。
      </p>
      <div class="table-wrap">
        <table>
          <caption>错误明细（共 {props.outcome.problems.length} 处）</caption>
          <thead>
            <tr>
              <th scope="col">行号</th>
              <th scope="col">字段</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.outcome.problems}>
              {(p) => (
                <tr>
                  <td>{p.line || '—'}</td>
                  <td>{fieldName(p.path)}</td>
                  <td>{p.message}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  );
}
