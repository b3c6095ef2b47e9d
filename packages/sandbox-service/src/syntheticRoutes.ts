import express, { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { describeZodError, HttpError } from './errors';

/**
 * What the synthetic services do: just enough behaviour (validation, 404s,
 * a little simulated work) that their metrics look like a real service's.
 */
type Handler = (req: Request) => { status: number; body: unknown };

const orderSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            sku: z.string().regex(/^SKU-\d{3}$/),
            quantity: z.number().int().min(1).max(10),
          })
          .strict(),
      )
      .min(1)
      .max(20),
  })
  .strict();

const reservationSchema = z
  .object({
    sku: z.string().regex(/^SKU-\d{3}$/),
    quantity: z.number().int().min(1).max(10),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
  return parsed.data;
}

/** The first 500 SKUs exist; the traffic generator asks for a few others. */
const knownSku = (sku: string) => /^SKU-[0-4]\d{2}$/.test(sku);

/** Handlers by `<service> <METHOD> <route template>`. */
export function syntheticHandlers(): Map<string, Handler> {
  // The last orders only: the process runs for days.
  const orders = new Map<string, { items: unknown; createdAt: string }>();
  const remember = (
    id: string,
    order: { items: unknown; createdAt: string },
  ) => {
    orders.set(id, order);
    if (orders.size > 1000) orders.delete(orders.keys().next().value!);
  };
  return new Map<string, Handler>([
    [
      'checkout POST /v1/orders',
      req => {
        const { items } = parse(orderSchema, req.body);
        const orderId = randomUUID();
        remember(orderId, { items, createdAt: new Date().toISOString() });
        return { status: 201, body: { orderId, items } };
      },
    ],
    [
      'checkout GET /v1/orders/:orderId',
      req => {
        const order = orders.get(req.params.orderId);
        if (!order) {
          throw new HttpError(404, `no order ${req.params.orderId}`);
        }
        return {
          status: 200,
          body: { orderId: req.params.orderId, ...order },
        };
      },
    ],
    [
      'inventory GET /v1/items/:sku',
      req => {
        if (!knownSku(req.params.sku)) {
          throw new HttpError(404, `no item ${req.params.sku}`);
        }
        const available = Number(req.params.sku.slice(4)) % 37;
        return { status: 200, body: { sku: req.params.sku, available } };
      },
    ],
    [
      'inventory POST /v1/reservations',
      req => {
        const reservation = parse(reservationSchema, req.body);
        return {
          status: 201,
          body: { reservationId: randomUUID(), ...reservation },
        };
      },
    ],
  ]);
}

export type { Handler };
export const jsonBody = express.json({ limit: '16kb' });
