import { queryString } from './queryString';

describe('queryString', () => {
  it.each([
    [{}, ''],
    [{ limit: undefined, status: '' }, ''],
    [{ limit: 5 }, '?limit=5'],
    [{ status: 'open', offset: 20 }, '?status=open&offset=20'],
    [{ q: 'slow request' }, '?q=slow%20request'],
    [{ q: 'a+b' }, '?q=a%2Bb'],
    [{ q: '50% & more' }, '?q=50%25%20%26%20more'],
    [{ awaitingMe: true, offset: 0 }, '?awaitingMe=true&offset=0'],
    [{ state: ['open', 'in review'] }, '?state=open&state=in%20review'],
    [{ state: [] as string[] }, ''],
  ] as const)('%j gives %j', (params, expected) => {
    expect(queryString(params)).toBe(expected);
  });

  it('accepts an interface (no index signature)', () => {
    interface Query {
      limit?: number;
      status?: 'open' | 'closed';
    }
    const query: Query = { status: 'closed' };
    expect(queryString(query)).toBe('?status=closed');
  });
});
