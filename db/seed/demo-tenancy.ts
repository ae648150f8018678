// The demo county (invented names): its units, a user for every role and a category tree with routing.
import type { Actor, AppDeps, ServiceCtx } from '../../workers/api/context';
import { resolveSettings } from '../../workers/domain/settings';
import { createCategory, createTenant, createUnit, createUser } from '../../workers/services/tenancy';
import { findTenantBySlug } from '../../workers/repo/tenancy';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'Demo@2026';

export const DEMO_TOWNSHIPS = [
  '城关镇',
  '青禾街道',
  '东湖街道',
  '凤鸣街道',
  '西岭镇',
  '南塘镇',
  '北坡镇',
  '柳溪镇',
  '云台镇',
  '松岗镇',
  '白沙镇',
  '石门乡',
  '杏花乡',
  '梅林乡',
  '桃源乡',
];

export const DEMO_DEPARTMENTS = [
  '县教育局',
  '县公安局',
  '县民政局',
  '县司法局',
  '县财政局',
  '县人力资源和社会保障局',
  '县自然资源局',
  '县生态环境局',
  '县住房和城乡建设局',
  '县交通运输局',
  '县水利局',
  '县农业农村局',
  '县商务局',
  '县文化和旅游局',
  '县卫生健康委员会',
  '县退役军人事务局',
  '县应急管理局',
  '县市场监督管理局',
  '县医疗保障局',
  '县城市管理局',
  '县林业局',
  '县行政审批服务局',
  '县纪委监委',
  '县供电公司',
  '县自来水公司',
];

/** top-level category → children, the units it routes to, and whether the township leads */
const CATEGORY_TREE: Array<{ name: string; children: string[]; route: string[]; township?: boolean }> = [
  {
    name: '城乡建设',
    children: ['物业管理', '住房保障', '房屋质量', '拆迁安置'],
    route: ['县住房和城乡建设局'],
    township: true,
  },
  { name: '政法', children: ['治安管理', '户籍管理', '法律援助'], route: ['县公安局', '县司法局'] },
  { name: '卫生计生', children: ['医疗纠纷', '公共卫生'], route: ['县卫生健康委员会'] },
  {
    name: '劳动和社会保障',
    children: ['拖欠工资', '社会保险', '就业培训'],
    route: ['县人力资源和社会保障局'],
  },
  { name: '纪检监察', children: ['作风问题', '违纪举报'], route: ['县纪委监委'] },
  { name: '经济管理', children: ['企业经营', '消费纠纷'], route: ['县商务局'] },
  { name: '教育文体', children: ['入学招生', '校园安全', '文体活动'], route: ['县教育局'] },
  {
    name: '农村农业',
    children: ['土地承包', '惠农补贴', '农村道路'],
    route: ['县农业农村局'],
    township: true,
  },
  { name: '自然资源', children: ['土地征收', '宅基地', '矿产资源'], route: ['县自然资源局'], township: true },
  { name: '生态环境', children: ['噪声污染', '水污染', '大气污染'], route: ['县生态环境局'] },
  { name: '市场监管', children: ['食品安全', '价格投诉', '产品质量'], route: ['县市场监督管理局'] },
  { name: '城市管理', children: ['占道经营', '市容环卫', '路灯设施', '供水供电'], route: ['县城市管理局'] },
];

export interface DemoTenancy {
  tenantId: string;
  bureauUnitId: string;
  unitIds: Record<string, string>;
  categoryIds: Record<string, string>;
  userIds: Record<string, string>;
}

export async function seedDemoTenancy(deps: AppDeps): Promise<DemoTenancy | null> {
  if (await findTenantBySlug(deps.db, DEMO_SLUG)) return null;
  const system: Actor = {
    kind: 'system',
    id: 'seed',
    name: '演示数据',
    role: 'system',
    tenantId: null,
    unitId: null,
  };
  const t = await createTenant(deps, system, {
    slug: DEMO_SLUG,
    name: '青禾县',
    settings: {
      branding: {
        portalTitle: '青禾县网上信访与问政',
        notice:
          '本平台受理青禾县范围内的投诉、求助、建议和咨询。紧急情况请拨打 110、119、120。涉法涉诉事项请依法通过诉讼、仲裁等途径解决。',
      },
    },
  });
  const tenant = { id: t.id, slug: t.slug, name: t.name, active: true, createdAt: t.createdAt };
  const ctx: ServiceCtx = {
    db: deps.db,
    clock: deps.clock,
    deps,
    tenant,
    settings: resolveSettings({}),
    actor: system,
  };
  const unitIds: Record<string, string> = { 青禾县信访局: t.bureauUnitId };
  let sort = 0;
  for (const name of DEMO_TOWNSHIPS)
    unitIds[name] = (await createUnit(ctx, { name, kind: 'township', sort: sort++ })).id;
  for (const name of DEMO_DEPARTMENTS)
    unitIds[name] = (await createUnit(ctx, { name, kind: 'department', sort: sort++ })).id;

  const categoryIds: Record<string, string> = {};
  let csort = 0;
  for (const top of CATEGORY_TREE) {
    const routeUnitIds = top.route.map((n) => unitIds[n]!);
    const parent = await createCategory(ctx, {
      name: top.name,
      routeUnitIds,
      routeToTownship: top.township ?? false,
      sort: csort++,
    });
    categoryIds[top.name] = parent.id;
    for (const child of top.children) {
      categoryIds[`${top.name}/${child}`] = (
        await createCategory(ctx, {
          name: child,
          parentId: parent.id,
          routeUnitIds,
          routeToTownship: top.township ?? false,
          sort: csort++,
        })
      ).id;
    }
  }

  const people: Array<
    [
      string,
      string,
      'tenant_admin' | 'dispatcher' | 'handler' | 'unit_leader' | 'county_leader',
      string | null,
    ]
  > = [
    ['demo.admin', '陈立言', 'tenant_admin', null],
    ['demo.dispatcher', '林晓岚', 'dispatcher', '青禾县信访局'],
    ['demo.dispatcher2', '周明远', 'dispatcher', '青禾县信访局'],
    ['demo.handler', '王春和', 'handler', '城关镇'],
    ['demo.leader', '赵安平', 'unit_leader', '城关镇'],
    ['demo.edu', '孙雨桐', 'handler', '县教育局'],
    ['demo.edu.leader', '钱思远', 'unit_leader', '县教育局'],
    ['demo.housing', '吴清泉', 'handler', '县住房和城乡建设局'],
    ['demo.housing.leader', '郑德华', 'unit_leader', '县住房和城乡建设局'],
    ['demo.county', '冯致远', 'county_leader', null],
  ];
  const userIds: Record<string, string> = {};
  for (const [login, name, role, unit] of people) {
    userIds[login] = (
      await createUser(deps, system, t.id, {
        login,
        name,
        role,
        password: DEMO_PASSWORD,
        unitId: unit ? unitIds[unit]! : null,
        // the demo password is published with the demo: nothing to hide from its administrator
        mustChangePassword: false,
      })
    ).id;
  }
  return { tenantId: t.id, bureauUnitId: t.bureauUnitId, unitIds, categoryIds, userIds };
}
