/** A column and an index whose down migration forgets the index and the column. */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kit_leaky_first', table => {
    table.string('name');
    table.index(['name'], 'kit_leaky_first_name_idx');
  });
};

/**
 * @param {import('knex').Knex} _knex
 */
exports.down = async function down(_knex) {};
