import { Layer, RotationUnit } from '../model';

/** An instant from an ISO string with offset, e.g. `2026-03-08T09:00-04:00`. */
export const t = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Bad test instant ${iso}`);
  return ms;
};

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
export const DAVE = 'user:default/dave';

export function makeLayer(
  unit: RotationUnit,
  length: number,
  start: string,
  fields: Partial<Layer> = {},
): Layer {
  return {
    id: 'layer-1',
    name: 'Primary',
    rotation: { unit, length },
    start,
    participants: [ALICE, BOB, CAROL],
    restrictions: [],
    ...fields,
  };
}
