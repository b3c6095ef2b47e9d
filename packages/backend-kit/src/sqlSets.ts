import type { Knex } from 'knex';

/**
 * Keeps rows whose `column` is one of `values`. The values travel as one
 * JSON parameter, so any number of them (thousands of readable entities,
 * say) fits the drivers' bind-parameter limits, on PostgreSQL and SQLite.
 * `[]` matches nothing.
 * @public
 */
export function whereInValues(
  query: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
  isPostgres: boolean,
): Knex.QueryBuilder {
  if (values.length === 0) return query.whereRaw('1 = 0');
  if (values.length === 1) return query.where(column, values[0]);
  return query.whereRaw(
    isPostgres
      ? '?? in (select jsonb_array_elements_text(?::jsonb))'
      : '?? in (select value from json_each(?))',
    [column, JSON.stringify(values)],
  );
}
