// The search box of the bureau's case lists (案件查询, the workbench's queues). It says what it
// searches for the one reading it: the bureau's desk (dispatcher, county admin) also finds a
// caller's cases by their name, a full phone or ID number and a case by its query code; a county leader
// searches the text only (workers/services/workflow/views.ts, searchMatch).
import { isBureau } from '../lib/session';
import { Field } from './ui';

const SEARCH_TEXT = '编号、标题、内容、地址';
const SEARCH_LOOKUP = '信访人姓名、电话、身份证号、查询码';

export default function CaseSearchField(props: { value: string; onInput: (value: string) => void }) {
  const hint = () =>
    isBureau()
      ? '多个词用空格分开，须同时包含；电话、身份证号、查询码须完整，按姓名查时只输入姓名'
      : '多个词用空格分开，须同时包含';
  return (
    <Field label="关键词" hint={hint()}>
      <input
        type="search"
        value={props.value}
        placeholder={isBureau() ? `${SEARCH_TEXT}；${SEARCH_LOOKUP}` : SEARCH_TEXT}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}
