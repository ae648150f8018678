// The tenant administration sub-navigation.
import { For } from 'solid-js';
import { A } from '../../components/ui';
import { path } from '../../lib/router';

const ITEMS = [
  ['/admin/units', '单位'],
  ['/admin/users', '用户与角色'],
  ['/admin/categories', '内容分类与分派'],
  ['/admin/deadlines', '办理期限'],
  ['/admin/holidays', '节假日'],
  ['/admin/settings', '评价·考核·门户'],
  ['/admin/templates', '答复模板'],
  ['/admin/tokens', 'API 令牌'],
  ['/admin/audit', '审计日志'],
] as const;

export default function AdminNav() {
  return (
    <nav class="subnav" aria-label="县区管理">
      <For each={ITEMS}>
        {([to, label]) => (
          <A href={to} aria-current={path() === to ? 'page' : undefined}>
            {label}
          </A>
        )}
      </For>
    </nav>
  );
}
