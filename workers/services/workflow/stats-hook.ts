// Where the statistics work plugs its per-day aggregate upserts into the same batch as each move.
// Until it does, no aggregate is written and statistics are computed from the assignments.
import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { assignments, cases } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';

export interface MoveChange {
  before: typeof assignments.$inferSelect | null;
  after: typeof assignments.$inferSelect;
  caseRow: Pick<typeof cases.$inferSelect, 'id' | 'isRepeat' | 'receivedAt' | 'receivedDay' | 'kind' | 'channel' | 'purpose'>;
  /** only-if-the-move-won condition to put in every write */
  guard: SQL;
}

export function statsWritesForMove(
  _ctx: Pick<ServiceCtx, 'db' | 'tenant' | 'settings'>,
  _change: MoveChange,
): BatchItem<'sqlite'>[] {
  return [];
}
