package dev.movielake.lakehouse;

/** An operation an operator switched off with one of the ICEBERG_ENABLE_* variables. */
public final class FeatureDisabledException extends LakehouseException {
  public FeatureDisabledException(String feature, String variable) {
    super(
        feature + " is disabled by " + variable + "=false; set " + variable + "=true to allow it");
  }
}
