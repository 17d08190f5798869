package org.tandemdns.store;

import java.util.List;

/**
 * One step of the store's schema: the SQL statements that take a database from {@code version - 1}
 * to {@code version}, applied in one transaction by {@link Migrations}.
 *
 * @param version the schema version after this step (1 for the initial schema)
 * @param description what the step does, recorded in {@code schema_version}
 * @param statements SQL statements without trailing semicolons, run in order
 */
record Migration(int version, String description, List<String> statements) {
  Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1");
    }
    statements = List.copyOf(statements);
  }
}
