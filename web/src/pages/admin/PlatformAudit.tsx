// The platform's audit log (平台管理 · 平台审计日志), for platform admins only: what belongs to no
// county — the platform admins' sign-ins and accounts, failed sign-ins with logins that do not exist,
// the national holiday schedule, this log's exports — and the counties opened, disabled and enabled.
import { platform } from '../../lib/api';
import AuditLog from './AuditLog';
import PlatformNav from './PlatformNav';

export default function PlatformAudit() {
  return (
    <AuditLog
      title="平台管理 · 平台审计日志"
      caption="平台审计日志，新的在前"
      nav={<PlatformNav />}
      intro={
        <p class="muted">
          不属于任何县区的操作记录（平台管理员的登录与账号、以不存在的登录名尝试登录、全国节假日安排、本日志的导出），以及县区的开通、停用和启用，新的在前。各县区内的操作请进入该县区查看其审计日志。记录由系统自动生成，不能修改或删除。导出
          CSV 使用当前筛选条件，最多 50000 条。
        </p>
      }
      scope={() => 'platform'}
      load={(_s, filter, cursor, limit) => platform.audit(filter, cursor, limit)}
      csvUrl={(_s, filter) => platform.auditCsvUrl(filter)}
      actors={async () => (await platform.users()).items}
      roles={['platform_admin']}
      columns="platform"
    />
  );
}
