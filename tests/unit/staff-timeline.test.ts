// The words of a case's timeline for staff (describeForStaff): every reason, note, message and
// instruction staff wrote with a move is read there by the unit and the bureau alike; nothing the
// citizen wrote is (on a 检举控告 it could name the accuser to the units); registration never
// reads as 受理, which is the unit's decision.
import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES } from '../../workers/domain/events';
import { EVENT_NAMES } from '../../workers/domain/labels';
import { describeForStaff } from '../../workers/domain/timeline';

const line = (type: string, payload: Record<string, unknown> | null, unitName = '东山镇') =>
  describeForStaff({ type, at: 0, payload, unitName });

describe('describeForStaff', () => {
  it('shows what staff wrote with each move that carries a text', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['case.routed', { instructions: '请七日内核实' }, '交办：请七日内核实'],
      ['case.routed', { rerouted: true, instructions: '改由西水乡办理' }, '重新交办：改由西水乡办理'],
      ['assignment.refused', { reason: '已进入诉讼程序', notice: '……' }, '东山镇不予受理：已进入诉讼程序'],
      ['assignment.return_requested', { reason: '不属本镇职责' }, '东山镇申请退件：不属本镇职责'],
      ['assignment.return_approved', { note: '改交县住建局' }, '同意东山镇退件：改交县住建局'],
      ['assignment.return_rejected', { note: '属本镇管辖' }, '驳回东山镇退件申请：属本镇管辖'],
      [
        'assignment.extension_requested',
        { days: 5, reason: '需调查取证' },
        '东山镇申请延期 5 天：需调查取证',
      ],
      ['assignment.extension_denied', { note: '请按期办结' }, '不同意东山镇延期：请按期办结'],
      ['assignment.reply_approved', { replyId: 'r', note: '同意' }, '东山镇领导审核通过：同意'],
      [
        'assignment.reply_rejected',
        { replyId: 'r', note: '补充核查经过' },
        '东山镇领导审核退回：补充核查经过',
      ],
      ['assignment.reopened', { reason: '答复未解决问题', replyDueAt: 0 }, '东山镇重办：答复未解决问题'],
      ['assignment.rework_declined', { reason: '原答复正确' }, '维持东山镇的答复，不予重办：原答复正确'],
      ['assignment.supervised', { note: '加快办理', dueAt: null }, '督办东山镇：加快办理'],
      ['assignment.urged', { message: '请于本周内答复' }, '催办东山镇：请于本周内答复'],
    ];
    for (const [type, payload, text] of cases) expect(line(type, payload)).toBe(text);
  });

  it('says nothing after the move when nothing (or only spaces) was written', () => {
    expect(line('assignment.return_rejected', { note: null })).toBe('驳回东山镇退件申请');
    expect(line('assignment.extension_denied', { note: '  ' })).toBe('不同意东山镇延期');
    expect(line('assignment.urged', {})).toBe('催办东山镇');
    expect(line('case.routed', { instructions: null })).toBe('交办');
  });

  it('names the repeat suggestions a merge set aside on the merged case, not on the case it went into', () => {
    const repeatsSetAside = [
      { suggestionId: 's1', otherCaseId: 'a', otherNumber: '2026-000001' },
      { suggestionId: 's2', otherCaseId: 'c', otherNumber: '2026-000003' },
    ];
    expect(line('case.merged', { intoCaseId: 'a', intoNumber: '2026-000001', repeatsSetAside })).toBe(
      '并入 2026-000001；与 2026-000001、2026-000003 的重复件提示随之排除',
    );
    expect(line('case.merged', { intoCaseId: 'a', intoNumber: '2026-000001', repeatsSetAside: [] })).toBe(
      '并入 2026-000001',
    );
    expect(line('case.merged', { fromCaseId: 'b', fromNumber: '2026-000002' })).toBe('合并 2026-000002');
  });

  it('has words for every event a case records', () => {
    const types = [
      ...CASE_EVENT_TYPES,
      ...(Object.keys(EVENT_NAMES).filter((x) => x.startsWith('assignment.')) as string[]),
    ];
    for (const type of types) expect(line(type, {}), type).toMatch(/[\u4e00-\u9fff]/);
    // a file taken off a reply is not named: its name may be why it came off
    expect(line('assignment.reply_file_removed', { replyId: 'r', attachmentId: 'f' })).toBe(
      '东山镇从答复中移除一个附件',
    );
  });

  it('leaves out what the citizen wrote', () => {
    const citizen = '我是郑一鸣，电话13800138000';
    expect(line('case.review_requested', { kind: 'review', reason: citizen })).toBe('群众申请复查');
    expect(line('assignment.rated', { value: 'unsatisfied', comment: citizen })).toBe(
      '群众评价东山镇：不满意',
    );
  });

  it('calls a new case registered (登记) or received from the portal (收件), never 受理', () => {
    expect(line('case.created', { channel: 'visit', source: 'staff' })).toBe('登记（来访）');
    expect(line('case.created', { channel: 'web', source: 'portal' })).toBe('收件（网上平台）');
    // events written before the source was recorded
    expect(line('case.created', { channel: 'letter' })).toBe('登记（来信）');
  });
});
