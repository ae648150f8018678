// The tenant administration sub-navigation.
import SubNav from '../../components/SubNav';

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
  return <SubNav label="县区管理" items={ITEMS} />;
}
