import type { Knex } from 'knex';

/** Rows per insert statement: far below SQLite's bound-variable limit. */
export const INSERT_CHUNK = 50;

/** Plain chunked inserts inside `tx` (knex's batchInsert would open a nested transaction). */
export async function insertChunked(
  tx: Knex.Transaction,
  table: string,
  rows: object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx(table).insert(rows.slice(i, i + INSERT_CHUNK));
  }
}

/**
 * Keeps incidents (aliased `i`) whose title contains `q`, ignoring case.
 * PostgreSQL's trigram index on lower(title) serves the `like`. On SQLite,
 * `q` as one quoted phrase of the FTS5 trigram table
 * `incident_title_trigrams` is the same substring match through the index
 * (an FTS5 `like` would be, but not with the `escape` that literal `%` and
 * `_` need). Under three characters a trigram index cannot narrow anything:
 * a plain scan.
 */
export function whereTitleContains(
  internals: { isPostgres: boolean },
  query: Knex.QueryBuilder,
  q: string,
): void {
  if (!internals.isPostgres && [...q].length >= 3) {
    query.whereRaw(
      'i.rowid in (select rowid from incident_title_trigrams where incident_title_trigrams match ?)',
      [`"${q.replace(/"/g, '""')}"`],
    );
  } else {
    query.whereRaw(`lower(i.title) like ? escape '\\'`, [
      `%${escapeLike(q.toLowerCase())}%`,
    ]);
  }
}

/** Escapes `LIKE` wildcards (the queries declare `escape '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/**
 * Keeps rows whose incident affects one of `visible` (undefined: all).
 * The refs travel as one JSON parameter, so any number fits the drivers'
 * bind-parameter limits.
 */
export function onlyVisible(
  internals: { db: Knex; isPostgres: boolean },
  query: Knex.QueryBuilder,
  incidentIdColumn: string,
  visible: readonly string[] | undefined,
): void {
  if (!visible) return;
  if (visible.length === 0) {
    query.whereRaw('1 = 0');
    return;
  }
  const refs = JSON.stringify(visible);
  const { db, isPostgres } = internals;
  query.whereExists(function visibleEntity() {
    this.select(db.raw('1'))
      .from('incident_entities as v')
      .whereRaw('v.incident_id = ??', [incidentIdColumn])
      .whereRaw(
        isPostgres
          ? 'v.entity_ref in (select jsonb_array_elements_text(?::jsonb))'
          : 'v.entity_ref in (select value from json_each(?))',
        [refs],
      );
  });
}

/**
 * Keeps rows whose postmortem (aliased `p`, its incident `i`) is published,
 * or a draft the reader may read: one it authored, of an incident it
 * commands, or of one its claims own. `undefined`: every draft. Runs in the
 * database, so pages and counts never include a hidden draft.
 */
export function onlyReadableDrafts(
  internals: { isPostgres: boolean },
  query: Knex.QueryBuilder,
  drafts: { actor: string; claims: readonly string[] } | undefined,
): void {
  if (!drafts) return;
  const { actor, claims } = drafts;
  const { isPostgres } = internals;
  query.where(function readable() {
    this.where('p.state', 'published')
      .orWhere('i.commander', actor)
      .orWhereRaw(
        isPostgres
          ? `(p.content::jsonb -> 'authors') @> ?::jsonb`
          : `exists (select 1 from json_each(p.content, '$.authors') where value = ?)`,
        [isPostgres ? JSON.stringify([actor]) : actor],
      );
    if (claims.length > 0) {
      this.orWhereRaw(
        isPostgres
          ? 'exists (select 1 from jsonb_array_elements_text(i.owner_refs::jsonb) o(ref) where o.ref in (select jsonb_array_elements_text(?::jsonb)))'
          : 'exists (select 1 from json_each(i.owner_refs) o where o.value in (select value from json_each(?)))',
        [JSON.stringify(claims)],
      );
    }
  });
}

/**
 * The `like` pattern of entity refs in `namespace`: refs are stored
 * lowercase as `kind:namespace/name`, and neither a kind nor a name holds a
 * `:` or a `/`, so `:<namespace>/` can only be the namespace.
 */
function namespacePattern(namespace: string): string {
  return `%:${escapeLike(namespace.toLocaleLowerCase('en-US'))}/%`;
}

/**
 * Keeps incidents (their id in `incidentIdColumn`) that affect only
 * entities of `namespace` (at least one), or (`only: false`) every other
 * incident: the sandbox's incidents, and the real ones.
 */
export function whereOnlyInNamespace(
  internals: { db: Knex },
  query: Knex.QueryBuilder,
  incidentIdColumn: string,
  namespace: string,
  only = true,
): void {
  const { db } = internals;
  const pattern = namespacePattern(namespace);
  const entities = (inNamespace: boolean) =>
    function entitiesOf(this: Knex.QueryBuilder) {
      this.select(db.raw('1'))
        .from('incident_entities as n')
        .whereRaw('n.incident_id = ??', [incidentIdColumn])
        .whereRaw(
          `n.entity_ref ${inNamespace ? '' : 'not '}like ? escape '\\'`,
          [pattern],
        );
    };
  if (only) {
    query.whereExists(entities(true)).whereNotExists(entities(false));
  } else {
    query.where(inner =>
      inner.whereNotExists(entities(true)).orWhereExists(entities(false)),
    );
  }
}
