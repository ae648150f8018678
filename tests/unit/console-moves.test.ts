// What the console says once a move went through: a sentence of its own for every move the API
// offers, never the move's name with 完成 stuck on ("城关镇：申请退件完成", "办结完成").
import { describe, expect, it } from 'vitest';
import { MOVE, MOVE_DONE, moveDone } from '../../web/src/i18n';
import { MOVE_PATHS } from '../../workers/services/workflow/moves';

describe('move confirmations', () => {
  it('every move the API and the console offer has its own sentence, none "…完成"', () => {
    const moves = Object.keys(MOVE_PATHS).sort();
    expect(Object.keys(MOVE).sort()).toEqual(moves);
    expect(Object.keys(MOVE_DONE).sort()).toEqual(moves);
    for (const move of moves) {
      const done = MOVE_DONE[move]!;
      expect(done, move).not.toMatch(/完成$/);
      expect(done, move).toMatch(/已/);
    }
  });

  it('reads as a sentence, after the unit when it is said', () => {
    expect(moveDone('return', '城关镇')).toBe('城关镇：已提交退件申请');
    expect(moveDone('close', '城关镇')).toBe('城关镇：已办结');
    expect(moveDone('supervise', '2026-000012 城关镇')).toBe('2026-000012 城关镇：已督办');
    expect(moveDone('accept')).toBe('已受理');
    expect(moveDone('close', ' ')).toBe('已办结');
  });
});
