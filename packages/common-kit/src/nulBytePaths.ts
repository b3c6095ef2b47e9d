function pathText(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(value)';
}

/**
 * Paths (`field.sub[0]`) of the strings, object keys included, in `value`
 * that contain a NUL character (`\u0000`), which PostgreSQL cannot store in
 * text. Stops after `limit` findings.
 * @public
 */
export function nulBytePaths(value: unknown, limit = 10): string[] {
  const found: string[] = [];
  const visit = (
    node: unknown,
    path: Array<string | number>,
    depth: number,
  ) => {
    if (found.length >= limit || depth > 64) return;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) found.push(pathText(path));
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index], depth + 1));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        if (key.includes('\u0000')) {
          found.push(pathText([...path, key.split('\u0000').join('\\u0000')]));
        } else {
          visit(item, [...path, key], depth + 1);
        }
        if (found.length >= limit) return;
      }
    }
  };
  visit(value, [], 0);
  return found;
}
