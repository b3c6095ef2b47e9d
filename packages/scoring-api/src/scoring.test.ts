import { demoFeatures, scorePayment, UNKNOWN_CUSTOMER } from './scoring';

const established = {
  accountAgeDays: 900,
  chargebacks90d: 0,
  transactions30d: 40,
  averageTicket: 100,
  countryRisk: 0.1,
};

describe('scorePayment', () => {
  it.each([
    ['established customer, usual amount', established, 90, 'approve'],
    [
      'new account from a risky country',
      {
        ...established,
        accountAgeDays: 3,
        transactions30d: 0,
        countryRisk: 0.9,
      },
      100,
      'review',
    ],
    [
      'chargebacks and a huge amount',
      {
        ...established,
        chargebacks90d: 4,
        transactions30d: 1,
        countryRisk: 0.8,
      },
      5000,
      'decline',
    ],
    ['unknown customer', UNKNOWN_CUSTOMER, 50, 'review'],
  ] as const)('%s -> %s', (_name, features, amount, decision) => {
    const result = scorePayment({ customerId: 'c-1', amount }, features);
    expect(result.decision).toBe(decision);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it('names the strongest reasons first', () => {
    const result = scorePayment(
      { customerId: 'c-1', amount: 5000 },
      { ...established, chargebacks90d: 4, transactions30d: 1 },
    );
    expect(result.reasons[0]).toBe('chargebacks');
  });
});

describe('demoFeatures', () => {
  it('is deterministic and valid', () => {
    expect(demoFeatures(7)).toEqual(demoFeatures(7));
    expect(demoFeatures(7)).not.toEqual(demoFeatures(8));
    for (let i = 1; i < 200; i++) {
      const f = demoFeatures(i);
      expect(f.countryRisk).toBeGreaterThanOrEqual(0);
      expect(f.countryRisk).toBeLessThanOrEqual(1);
      expect(f.averageTicket).toBeGreaterThan(0);
    }
  });
});
