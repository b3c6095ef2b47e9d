import { formatRestrictions, parseRestrictions } from './restrictions';

describe('restrictions as text', () => {
  it.each([
    ['', []],
    [
      '1-5 09:00-17:00',
      [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
    ],
    [
      '1,3,5-7 22:00-06:00; 6 10:00-24:00',
      [
        { days: [1, 3, 5, 6, 7], start: '22:00', end: '06:00' },
        { days: [6], start: '10:00', end: '24:00' },
      ],
    ],
  ])('reads %j and writes it back', (text, restrictions) => {
    expect(parseRestrictions(text)).toEqual({ restrictions });
    expect(parseRestrictions(formatRestrictions(restrictions))).toEqual({
      restrictions,
    });
  });

  it.each([
    'weekdays',
    '8 09:00-17:00',
    '1-5 9:00-17:00',
    '1-5 09:00-25:00',
    '5-1 09:00-17:00',
  ])('rejects %j', text => {
    expect(parseRestrictions(text)).toHaveProperty('error');
  });

  it('writes consecutive days as ranges', () => {
    expect(
      formatRestrictions([
        { days: [1, 2, 3, 5, 7], start: '09:00', end: '17:00' },
      ]),
    ).toBe('1-3,5,7 09:00-17:00');
  });
});
