import { z } from 'zod';

/** What the feature store keeps about one customer. */
export const customerFeaturesSchema = z
  .object({
    accountAgeDays: z.number().min(0),
    chargebacks90d: z.number().int().min(0),
    transactions30d: z.number().int().min(0),
    averageTicket: z.number().min(0),
    countryRisk: z.number().min(0).max(1),
  })
  .strict();
export type CustomerFeatures = z.infer<typeof customerFeaturesSchema>;

export const scoreRequestSchema = z
  .object({
    customerId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
      message: 'must be 1-64 letters, digits, "_" or "-"',
    }),
    amount: z.number().positive().max(1_000_000),
    currency: z.string().regex(/^[A-Z]{3}$/, {
      message: 'must be an ISO 4217 code such as EUR',
    }),
    merchantId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type ScoreRequest = z.infer<typeof scoreRequestSchema>;

export type Decision = 'approve' | 'review' | 'decline';

export interface ScoreResult {
  customerId: string;
  score: number;
  decision: Decision;
  modelVersion: string;
  reasons: string[];
}

export const MODEL_VERSION = 'logit-2026-11';

/** Features for a customer the store has never seen: cautious defaults. */
export const UNKNOWN_CUSTOMER: CustomerFeatures = {
  accountAgeDays: 0,
  chargebacks90d: 0,
  transactions30d: 0,
  averageTicket: 0,
  countryRisk: 0.5,
};

/**
 * A small logistic model: the probability that a payment is fraudulent.
 * Pure, so it is tested on a table of cases.
 */
export function scorePayment(
  request: Pick<ScoreRequest, 'customerId' | 'amount'>,
  features: CustomerFeatures,
): ScoreResult {
  const hasHistory = features.averageTicket > 0;
  const ticketRatio = hasHistory ? request.amount / features.averageTicket : 1;
  const terms: Array<[string, number]> = [
    ['new account', features.accountAgeDays < 30 ? 1.2 : 0],
    ['no purchase history', hasHistory ? 0 : 1],
    ['chargebacks', 0.9 * Math.min(features.chargebacks90d, 5)],
    ['unusual amount', Math.min(Math.log2(Math.max(ticketRatio, 1)), 4) * 0.6],
    ['country risk', 2.5 * features.countryRisk],
    ['established customer', features.transactions30d >= 10 ? -1.5 : 0],
  ];
  const logit = -3 + terms.reduce((sum, [, v]) => sum + v, 0);
  const score = Math.round((1 / (1 + Math.exp(-logit))) * 10000) / 10000;
  let decision: Decision = 'approve';
  if (score >= 0.8) decision = 'decline';
  else if (score >= 0.4) decision = 'review';
  const reasons = terms
    .filter(([, v]) => v > 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name);
  return {
    customerId: request.customerId,
    score,
    decision,
    modelVersion: MODEL_VERSION,
    reasons,
  };
}

/** Deterministic demo features so every environment scores the same way. */
export function demoFeatures(index: number): CustomerFeatures {
  // A small linear congruential sequence: reproducible without a seed library.
  let state = (index * 2654435761) % 4294967296;
  const next = () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
  return {
    accountAgeDays: Math.floor(next() * 2000),
    chargebacks90d: next() < 0.9 ? 0 : Math.floor(next() * 4) + 1,
    transactions30d: Math.floor(next() * 60),
    averageTicket: Math.round((10 + next() * 290) * 100) / 100,
    countryRisk: Math.round(next() * 100) / 100,
  };
}

export function demoCustomerId(index: number): string {
  return `c-${String(index).padStart(5, '0')}`;
}
