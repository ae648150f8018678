// What the portal needs to draw a county's pages: name and branding, the category tree, the
// townships to pick from, the units to filter the board by, and which options the county allows.
import type { Db } from '../../../db/client';
import type { TenantRow } from '../../api/context';
import type { TenantSettings } from '../../domain/settings';
import { portalOpen } from '../../repo/tenant-cache';
import { listCategories, listUnits } from '../../repo/tenancy';

export interface PortalInfo {
  tenant: { slug: string; name: string };
  branding: {
    portalTitle: string;
    logoUrl: string | null;
    notice: string | null;
    primaryColor: string | null;
  };
  categories: { id: string; parentId: string | null; name: string }[];
  townships: { id: string; name: string }[];
  units: { id: string; name: string; kind: 'township' | 'department' | 'bureau' }[];
  anonymousAllowed: { petition: boolean; inquiry: boolean };
  ratingWindowDays: number;
  timeZone: string;
  captcha: { required: boolean };
  /** false while the county is being set up (not yet listed): it takes no submissions yet */
  open: boolean;
}

export async function portalInfo(
  db: Db,
  tenant: TenantRow,
  settings: TenantSettings,
  captchaRequired: boolean,
): Promise<PortalInfo> {
  const [cats, unitRows, open] = await Promise.all([
    listCategories(db, tenant.id),
    listUnits(db, tenant.id),
    portalOpen(db, tenant.id),
  ]);
  const active = unitRows.filter((u) => u.active);
  const b = settings.branding;
  return {
    tenant: { slug: tenant.slug, name: tenant.name },
    branding: {
      portalTitle: b.portalTitle ?? `${tenant.name}网上信访与问政`,
      logoUrl: b.logoUrl ?? null,
      notice: b.notice ?? null,
      primaryColor: b.primaryColor ?? null,
    },
    categories: cats.filter((c) => c.active).map((c) => ({ id: c.id, parentId: c.parentId, name: c.name })),
    townships: active.filter((u) => u.kind === 'township').map((u) => ({ id: u.id, name: u.name })),
    units: active.filter((u) => u.kind !== 'bureau').map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
    anonymousAllowed: {
      petition: settings.anonymousAllowed.petition,
      inquiry: settings.anonymousAllowed.inquiry,
    },
    ratingWindowDays: settings.deadlines.ratingWindow.days,
    timeZone: settings.timeZone,
    captcha: { required: captchaRequired },
    open,
  };
}
