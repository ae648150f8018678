// The platform administration sub-navigation.
import SubNav from '../../components/SubNav';

const ITEMS = [
  ['/platform', '县区与节假日'],
  ['/platform/users', '平台账号'],
  ['/platform/audit', '平台审计日志'],
] as const;

export default function PlatformNav() {
  return <SubNav label="平台管理" items={ITEMS} />;
}
