package dev.movielake.lakehouse.migration;

import dev.movielake.lakehouse.LakehouseException;

/** The migrated table does not hold the source's rows: counts or checksums differ. */
public final class MigrationValidationException extends LakehouseException {
  private final ParquetMigration.Validation validation;

  public MigrationValidationException(String message, ParquetMigration.Validation validation) {
    super(message);
    this.validation = validation;
  }

  public ParquetMigration.Validation validation() {
    return validation;
  }
}
