import fs from 'node:fs';
import type { InstanceRecord } from '../state/deployState';
import { processAlive, stopInstance } from './InstanceLauncher';

/**
 * Whether the pid in state.json is still the instance the CLI started: a pid
 * can be reused after a reboot or crash, and the CLI must never signal a
 * stranger. On Linux the command line must name the release's bundle.
 */
export function instanceRunning(instance: InstanceRecord): boolean {
  if (!processAlive(instance.pid)) return false;
  try {
    // /proc/<pid>/cmdline of a pid the CLI itself recorded.
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    const cmdline = fs.readFileSync(`/proc/${instance.pid}/cmdline`, 'utf8');
    return cmdline.split('\0').includes(instance.release.bundle);
  } catch {
    // No /proc (not Linux): the pid being alive is all we can know.
    return process.platform !== 'linux';
  }
}

/** Stops a recorded instance if it is still the one started; true if it ran. */
export async function stopRecordedInstance(
  instance: InstanceRecord,
  timeoutMs?: number,
): Promise<boolean> {
  if (!instanceRunning(instance)) return false;
  await stopInstance(instance.pid, { timeoutMs });
  return true;
}
