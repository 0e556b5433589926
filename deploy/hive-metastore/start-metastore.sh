#!/bin/bash
# Starts the Hive Metastore on PostgreSQL with its warehouse on S3, configured by environment
# variables, the same names the pipeline reads for its storage (deploy/pipeline.env):
#   POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD  the metastore database (as the postgres image names them)
#   METASTORE_DB_HOST (postgres-metastore), METASTORE_DB_PORT (5432)
#   ICEBERG_WAREHOUSE_PATH  s3a://bucket/prefix, the metastore's warehouse directory
#   ICEBERG_S3_ENDPOINT, ICEBERG_S3_ACCESS_KEY, ICEBERG_S3_SECRET_KEY, ICEBERG_S3_PATH_STYLE_ACCESS
#   METASTORE_HEAP (1g)
# The metastore creates the database and table folders itself (mkdirs on s3a://), so it needs
# S3A (hadoop-aws) and the keys too. The schema is created on the first start only.
set -euo pipefail

require() {
  if [ -z "${!1:-}" ]; then
    echo "error: $1 is not set; $2" >&2
    exit 1
  fi
}
require POSTGRES_DB "set it to the metastore database (deploy/metastore-db.env)"
require POSTGRES_USER "set it to the metastore database user (deploy/metastore-db.env)"
require POSTGRES_PASSWORD "set it to the metastore database password (deploy/metastore-db.env)"
require ICEBERG_WAREHOUSE_PATH "set it to the warehouse, e.g. s3a://iceberg-warehouse/warehouse (deploy/pipeline.env)"
require ICEBERG_S3_ENDPOINT "set it to the S3 endpoint, e.g. http://minio:9000 (deploy/pipeline.env)"
require ICEBERG_S3_ACCESS_KEY "set it to the S3 access key (deploy/pipeline.env)"
require ICEBERG_S3_SECRET_KEY "set it to the S3 secret key (deploy/pipeline.env)"

# S3A: hadoop-aws and the AWS SDK it was built with ship in Hadoop's tools folder, off the class path.
tools="$HADOOP_HOME/share/hadoop/tools/lib"
aws_jars="$( (ls "$tools"/hadoop-aws-*.jar "$tools"/aws-java-sdk-bundle-*.jar "$tools"/bundle-*.jar 2>/dev/null || true) | paste -sd: -)"
if [ -z "$aws_jars" ]; then
  echo "error: no hadoop-aws jar in $tools; the metastore cannot reach s3a:// warehouses" >&2
  exit 1
fi
export HADOOP_CLASSPATH="$aws_jars${HADOOP_CLASSPATH:+:$HADOOP_CLASSPATH}"
# S3A's default credential chain reads these, so the keys stay out of files and command lines.
export AWS_ACCESS_KEY_ID="$ICEBERG_S3_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$ICEBERG_S3_SECRET_KEY"

xml() {
  local value="$1"
  # Quoted replacements: bash 5.2 would read a bare & as the matched text.
  value="${value//&/"&amp;"}"
  value="${value//</"&lt;"}"
  value="${value//>/"&gt;"}"
  printf '%s' "$value"
}
property() {
  printf '  <property><name>%s</name><value>%s</value></property>\n' "$1" "$(xml "$2")"
}
warehouse="${ICEBERG_WAREHOUSE_PATH/#s3:\/\//s3a://}"
ssl=false
[[ "$ICEBERG_S3_ENDPOINT" == https://* ]] && ssl=true
site="$HIVE_HOME/conf/hive-site.xml"
rm -f "$site" # the image's own file is for HiveServer2 and owned by root
umask 077     # it holds the database password
{
  echo '<?xml version="1.0"?>'
  echo '<configuration>'
  property javax.jdo.option.ConnectionDriverName org.postgresql.Driver
  property javax.jdo.option.ConnectionURL \
    "jdbc:postgresql://${METASTORE_DB_HOST:-postgres-metastore}:${METASTORE_DB_PORT:-5432}/$POSTGRES_DB"
  property javax.jdo.option.ConnectionUserName "$POSTGRES_USER"
  property javax.jdo.option.ConnectionPassword "$POSTGRES_PASSWORD"
  property hive.metastore.warehouse.dir "$warehouse"
  property hive.metastore.schema.verification true
  property fs.s3a.endpoint "$ICEBERG_S3_ENDPOINT"
  property fs.s3a.path.style.access "${ICEBERG_S3_PATH_STYLE_ACCESS:-true}"
  property fs.s3a.connection.ssl.enabled "$ssl"
  echo '</configuration>'
} > "$site"

export HADOOP_CLIENT_OPTS="${HADOOP_CLIENT_OPTS:-} -Xmx${METASTORE_HEAP:-1g}"
# schematool -info fails on an empty database: create the schema (with the transaction and lock
# tables Iceberg's commit lock needs) only then, so a restart keeps the catalog.
if "$HIVE_HOME/bin/schematool" -dbType postgres -info >/dev/null 2>&1; then
  echo "metastore schema present"
else
  echo "creating the metastore schema"
  "$HIVE_HOME/bin/schematool" -dbType postgres -initSchema
fi

export METASTORE_PORT="${METASTORE_PORT:-9083}"
exec "$HIVE_HOME/bin/hive" --skiphadoopversion --skiphbasecp --service metastore
