// 平台管理 · 平台账号: the platform admins keep one another's accounts, as a county administrator
// keeps the county's (one person, one account; the last usable one stays).
import Users from './Users';

export default function PlatformUsers() {
  return <Users platform />;
}
