import { SERVICE_NAME_PATTERN } from './serviceInput';

/**
 * Why a path may not be written inside a service folder, or undefined when
 * it may: a relative path of plain segments. Absolute paths (POSIX, UNC or
 * drive letters), backslashes, `.` and `..` segments, empty segments and
 * control characters are refused, so no spelling of a path can leave the
 * folder before the file system is even asked (the writer then also checks
 * the resolved path and symbolic links).
 *
 * @public
 */
export function unsafePathReason(relativePath: string): string | undefined {
  if (relativePath.length === 0) return 'is empty';
  if (relativePath.length > 255) return 'is longer than 255 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(relativePath)) {
    return 'contains a control character';
  }
  if (relativePath.includes('\\')) return 'contains a backslash';
  if (relativePath.startsWith('/') || /^[a-zA-Z]:/.test(relativePath)) {
    return 'is absolute';
  }
  const segments = relativePath.split('/');
  if (segments.some(segment => segment === '..')) return 'goes up with ..';
  if (segments.some(segment => segment === '.' || segment === '')) {
    return 'has an empty or "." segment';
  }
  return undefined;
}

/**
 * Why a name may not be a service folder under the catalog folder, or
 * undefined: it must be a service name (one plain segment by construction).
 *
 * @public
 */
export function unsafeServiceFolderReason(name: string): string | undefined {
  if (!SERVICE_NAME_PATTERN.test(name) || name.length > 63) {
    return 'is not a service name (lower-case letters, digits and single dashes)';
  }
  return unsafePathReason(name);
}
