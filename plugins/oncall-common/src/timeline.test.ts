import { Override } from './model';
import { finalTimeline, layersTimeline } from './timeline';
import { ALICE, BOB, CAROL, DAVE, t } from './__testUtils__/fixtures';
import {
  NY,
  Row,
  V1,
  businessHours,
  daily,
  expected,
  override,
  rows,
} from './__testUtils__/schedules';

describe('layersTimeline', () => {
  it('lets the higher layer win where it has someone', () => {
    const segments = layersTimeline(
      { timeZone: NY, layers: [daily, businessHours] },
      t('2026-03-09T00:00-04:00'),
      t('2026-03-10T00:00-04:00'),
    );
    expect(segments.map(s => [s.userRefs, s.layerId, s.source])).toEqual([
      [[BOB], 'layer-1', 'layer'],
      [[CAROL], 'layer-2', 'layer'],
      [[ALICE], 'layer-1', 'layer'],
    ]);
    expect(segments.map(s => s.end)).toEqual([
      t('2026-03-09T09:00-04:00'),
      t('2026-03-09T17:00-04:00'),
      t('2026-03-10T00:00-04:00'),
    ]);
  });

  it('flags a gap before the layer starts', () => {
    const segments = layersTimeline(
      { timeZone: NY, layers: [daily] },
      t('2026-03-07T00:00-05:00'),
      t('2026-03-07T12:00-05:00'),
    );
    expect(segments.map(s => [s.userRefs, s.gap, s.source])).toEqual([
      [[], true, 'none'],
      [[ALICE], false, 'layer'],
    ]);
  });
});

describe('finalTimeline: overrides across the 23 h shift of March 8', () => {
  const from = '2026-03-08T00:00-05:00';
  const to = '2026-03-09T00:00-04:00';

  it.each<[string, Override[], Row[]]>([
    [
      'add beside whoever is on call, across the handoff',
      [
        override(
          'add',
          DAVE,
          '2026-03-08T06:00-05:00',
          '2026-03-08T12:00-04:00',
        ),
      ],
      [
        [from, '2026-03-08T06:00-05:00', [ALICE]],
        ['2026-03-08T06:00-05:00', '2026-03-08T09:00-04:00', [ALICE, DAVE]],
        ['2026-03-08T09:00-04:00', '2026-03-08T12:00-04:00', [BOB, DAVE]],
        ['2026-03-08T12:00-04:00', to, [BOB]],
      ],
    ],
    [
      'remove leaves a gap',
      [
        override(
          'remove',
          BOB,
          '2026-03-08T12:00-04:00',
          '2026-03-08T15:00-04:00',
        ),
      ],
      [
        [from, '2026-03-08T09:00-04:00', [ALICE]],
        ['2026-03-08T09:00-04:00', '2026-03-08T12:00-04:00', [BOB]],
        ['2026-03-08T12:00-04:00', '2026-03-08T15:00-04:00', []],
        ['2026-03-08T15:00-04:00', to, [BOB]],
      ],
    ],
    [
      'replace a named person only where they are on call',
      [
        override(
          'replace',
          CAROL,
          '2026-03-08T07:00-05:00',
          '2026-03-08T11:00-04:00',
          BOB,
        ),
      ],
      [
        [from, '2026-03-08T09:00-04:00', [ALICE]],
        ['2026-03-08T09:00-04:00', '2026-03-08T11:00-04:00', [CAROL]],
        ['2026-03-08T11:00-04:00', to, [BOB]],
      ],
    ],
    [
      'replace everyone, across the handoff (one merged segment)',
      [
        override(
          'replace',
          CAROL,
          '2026-03-08T07:00-05:00',
          '2026-03-08T11:00-04:00',
        ),
      ],
      [
        [from, '2026-03-08T07:00-05:00', [ALICE]],
        ['2026-03-08T07:00-05:00', '2026-03-08T11:00-04:00', [CAROL]],
        ['2026-03-08T11:00-04:00', to, [BOB]],
      ],
    ],
    [
      'creation order: a later add undoes an earlier remove',
      [
        override('remove', ALICE, from, '2026-03-08T09:00-04:00'),
        override(
          'add',
          ALICE,
          '2026-03-08T04:00-05:00',
          '2026-03-08T05:00-05:00',
        ),
      ],
      [
        [from, '2026-03-08T04:00-05:00', []],
        ['2026-03-08T04:00-05:00', '2026-03-08T05:00-05:00', [ALICE]],
        ['2026-03-08T05:00-05:00', '2026-03-08T09:00-04:00', []],
        ['2026-03-08T09:00-04:00', to, [BOB]],
      ],
    ],
  ])('%s', (_, overrides, table) => {
    const segments = finalTimeline({
      versions: [V1],
      overrides,
      temporarySchedules: [],
      from: t(from),
      to: t(to),
    });
    expect(rows(segments)).toEqual(expected(table));
    expect(segments.map(s => s.gap)).toEqual(table.map(r => r[2].length === 0));
  });
});
