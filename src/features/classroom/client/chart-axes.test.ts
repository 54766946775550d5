import { describe, expect, it } from 'vitest';
import { DAY_S, dayRange, exerciseSplits, tickDay } from './chart-axes.ts';

describe('the class charts’ axes', () => {
  it('tick whole exercises only, within the exercises there are', () => {
    // One exercise: the scale runs 0.5 to 1.5; a 0 or a 2 would name exercises that do not exist.
    expect(exerciseSplits(0.5, 1.5, 1)).toEqual([1]);
    expect(exerciseSplits(0.5, 3.5, 1)).toEqual([1, 2, 3]);
    expect(exerciseSplits(0.5, 40.5, 5)).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    expect(exerciseSplits(0.5, 12.5, 2)).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('write a day tick as a date, with no time of day', () => {
    const day = new Date(2026, 11, 3).getTime() / 1000;
    expect(tickDay(day)).toMatch(/3/);
    expect(tickDay(day)).toMatch(/Dec/);
    expect(tickDay(day)).not.toMatch(/:|am|pm/i);
  });

  it('range the days from the first to the last, a lone day in the middle', () => {
    expect(dayRange([10 * DAY_S, 11 * DAY_S, 12 * DAY_S])).toEqual([10 * DAY_S, 12 * DAY_S]);
    expect(dayRange([10 * DAY_S])).toEqual([9.5 * DAY_S, 10.5 * DAY_S]);
  });
});
