// The county's audit log (县区管理 · 审计日志): every event of the county, for its administrators.
import { t } from '../../lib/api';
import { slug } from '../../lib/session';
import AdminNav from './AdminNav';
import AuditLog from './AuditLog';

export default function Audit() {
  return (
    <AuditLog
      title="县区管理 · 审计日志"
      caption="审计日志，新的在前"
      nav={<AdminNav />}
      intro={
        <p class="muted">
          本县全部操作记录（案件办理、账号登录、县区管理等），新的在前。记录由系统自动生成，不能修改或删除。导出
          CSV 使用当前筛选条件，最多 50000 条。
        </p>
      }
      scope={slug}
      load={(s, filter, cursor, limit) => t(s).audit(filter, cursor, limit)}
      csvUrl={(s, filter) => t(s).auditCsvUrl(filter)}
      actors={async (s) => (await t(s).users()).items}
      roles={['tenant_admin', 'dispatcher', 'county_leader', 'unit_leader', 'handler']}
      columns="county"
    />
  );
}
