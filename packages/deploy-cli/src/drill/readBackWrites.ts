import { DrillStepContext } from './drillStep';
import { FeatureWrite, ReadBack, readBackFeatures } from './featureWrites';

/**
 * Reads every acknowledged feature write back through the proxy: a write
 * acknowledged by the bad release but missing now is lost data (RPO).
 */
export async function readBackWrites(
  { deps, step }: DrillStepContext,
  written: FeatureWrite[],
): Promise<{ acknowledged: FeatureWrite[]; readBack: ReadBack }> {
  const acknowledged = written.filter(w => w.acknowledged);
  step(
    `reading back ${acknowledged.length} acknowledged feature writes (of ${written.length}) through HAProxy`,
  );
  const readBack = await readBackFeatures(deps.frontendUrl, written);
  for (const { id, why } of readBack.missing.slice(0, 5)) {
    step(`lost write ${id}: ${why}`);
  }
  return { acknowledged, readBack };
}
