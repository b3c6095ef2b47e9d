/**
 * Where an entity's SLO spec is, as the SLO tab shows it: relative to the
 * entity's own source, never as a path on the backend's disk. The backend
 * is being changed to send relative locations; until then (and for older
 * stored values) absolute ones are shortened here.
 */
import { Entity, getEntitySourceLocation } from '@backstage/catalog-model';

/** A path on the backend's disk: `/srv/...` or `file:/srv/...`. */
export function isAbsoluteLocation(location: string): boolean {
  return location.startsWith('/') || /^file:\//i.test(location);
}

function stripFileScheme(location: string): string {
  if (/^file:\/\//i.test(location)) return location.slice('file://'.length);
  if (/^file:/i.test(location)) return location.slice('file:'.length);
  return location;
}

/**
 * The folder of the entity's source (its source-location, else the
 * location it was read from): the full path for `file` locations, and
 * the folder's name for any location with a path.
 */
export function entityFolder(
  entity: Entity | undefined,
): { path?: string; name?: string } | undefined {
  if (!entity) return undefined;
  let location;
  try {
    location = getEntitySourceLocation(entity);
  } catch {
    return undefined;
  }
  let path: string;
  if (location.type === 'file') {
    path = stripFileScheme(location.target);
  } else {
    try {
      path = new URL(location.target).pathname;
    } catch {
      return undefined;
    }
  }
  // A location ending in "/" is the folder; otherwise it is a file in it.
  const folder = path.endsWith('/')
    ? path.slice(0, -1)
    : path.slice(0, path.lastIndexOf('/'));
  const name = folder.slice(folder.lastIndexOf('/') + 1) || undefined;
  return {
    path: location.type === 'file' && folder ? folder : undefined,
    name,
  };
}

/**
 * The location to show: relative ones as they are; an absolute one as the
 * part after the last occurrence of the entity's folder (its full path,
 * else its name) if that is in it, else as the file name.
 */
export function displaySpecLocation(location: string, entity?: Entity): string {
  if (!isAbsoluteLocation(location)) return location;
  const path = stripFileScheme(location);
  const folder = entityFolder(entity);
  for (const marker of [
    folder?.path && `${folder.path}/`,
    folder?.name && `/${folder.name}/`,
  ]) {
    if (!marker) continue;
    const index = path.lastIndexOf(marker);
    const rest = index >= 0 ? path.slice(index + marker.length) : '';
    if (rest) return rest;
  }
  return path.slice(path.lastIndexOf('/') + 1) || location;
}
