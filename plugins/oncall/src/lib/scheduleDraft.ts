import type { LayerInput, RotationUnit, Schedule } from '../api';
import { formatRestrictions, parseRestrictions } from './restrictions';

/** A layer as the editor holds it: restrictions as a line of text. */
export interface LayerDraft {
  id?: string;
  name: string;
  unit: RotationUnit;
  length: number;
  start: string;
  participants: string[];
  restrictions: string;
}

/** What the schedule editor holds. */
export interface ScheduleDraft {
  name: string;
  description: string;
  timeZone: string;
  layers: LayerDraft[];
}

/** The editor's state for a schedule, or for a new one in the viewer's zone. */
export function draftOf(schedule?: Schedule): ScheduleDraft {
  if (!schedule) {
    return {
      name: '',
      description: '',
      timeZone: new Intl.DateTimeFormat().resolvedOptions().timeZone,
      layers: [],
    };
  }
  return {
    name: schedule.name,
    description: schedule.description ?? '',
    timeZone: schedule.timeZone,
    layers: schedule.layers.map(layer => ({
      id: layer.id,
      name: layer.name,
      unit: layer.rotation.unit,
      length: layer.rotation.length,
      start: layer.start,
      participants: layer.participants,
      restrictions: formatRestrictions(layer.restrictions),
    })),
  };
}

/** A new weekly layer starting next Monday 09:00. */
export function newLayer(index: number, start: string): LayerDraft {
  return {
    name: `Layer ${index + 1}`,
    unit: 'week',
    length: 1,
    start,
    participants: [],
    restrictions: '',
  };
}

/** The layers as the API takes them; undefined while a field is invalid. */
export function layersOf(
  draft: ScheduleDraft,
): (LayerInput & { id?: string })[] | undefined {
  const layers: (LayerInput & { id?: string })[] = [];
  for (const layer of draft.layers) {
    const parsed = parseRestrictions(layer.restrictions);
    if ('error' in parsed) return undefined;
    if (!layer.name.trim() || !layer.start || layer.participants.length === 0) {
      return undefined;
    }
    if (!Number.isInteger(layer.length) || layer.length < 1) return undefined;
    layers.push({
      ...(layer.id ? { id: layer.id } : {}),
      name: layer.name.trim(),
      rotation: { unit: layer.unit, length: layer.length },
      start: layer.start,
      participants: layer.participants,
      restrictions: parsed.restrictions,
    });
  }
  return layers;
}
