import { ConfigReader } from '@backstage/config';
import { readLogsConfig } from './config';

describe('readLogsConfig', () => {
  it.each([
    [{}, { retentionDays: 14, partitionDaysAhead: 2 }],
    [
      { logs: { retention: { days: 3 }, partitions: { daysAhead: 7 } } },
      { retentionDays: 3, partitionDaysAhead: 7 },
    ],
  ])('%j -> %j', (data, expected) => {
    expect(readLogsConfig(new ConfigReader(data))).toEqual(expected);
  });

  it.each([
    [
      { logs: { retention: { days: 0 } } },
      /logs.retention.days must be an integer from 1 to 3650/,
    ],
    [{ logs: { retention: { days: 1.5 } } }, /logs.retention.days/],
    [{ logs: { partitions: { daysAhead: 31 } } }, /logs.partitions.daysAhead/],
  ])('refuses %j', (data, message) => {
    expect(() => readLogsConfig(new ConfigReader(data))).toThrow(message);
  });
});
