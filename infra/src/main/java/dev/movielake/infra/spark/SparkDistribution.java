package dev.movielake.infra.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Splits the application's library folder in two, at package time: the jars a Spark distribution
 * already has (Spark SQL and everything it depends on), and the rest, which {@code spark-submit}
 * must ship with {@code --jars}. Shipping Spark's own jars a second time would put two copies of
 * Spark and Hadoop on the executors; shipping too few fails there with NoClassDefFoundError.
 *
 * <p>Spark's part is the closure of {@code spark-sql} in Maven's verbose dependency tree (TGF), so
 * a jar that both Spark and the application need counts as Spark's. The logging back end (Logback,
 * the Log4j-to-SLF4J bridge) also counts as the installation's: a cluster has its own, and a second
 * SLF4J binding on the class path would fight it.
 *
 * <p>Writes {@code SPARK_HOME/jars/} (links to the library folder; the jars of the local standalone
 * cluster) and a file listing the other jars, comma-separated, for {@code --jars}.
 */
public final class SparkDistribution {
  static final String SPARK_ROOT = "org.apache.spark:spark-sql_";

  /** Logging belongs to the Spark installation (see the class comment). */
  static final Set<String> LOGGING =
      Set.of(
          "ch.qos.logback:logback-classic:",
          "ch.qos.logback:logback-core:",
          "org.apache.logging.log4j:log4j-to-slf4j:");

  private SparkDistribution() {}

  /** One artifact of the tree: group:artifact:classifier, and the version Maven resolved. */
  record Artifact(
      String key, String artifactId, String classifier, String version, boolean omitted) {
    static Artifact parse(String label) {
      boolean omitted = label.startsWith("(");
      String coordinates = (omitted ? label.substring(1) : label).split("[ )]", 2)[0];
      String[] parts = coordinates.split(":");
      // group:artifact:type[:classifier]:version[:scope]; the root has no scope.
      String classifier = parts.length == 6 ? parts[3] : "";
      String version = parts.length == 6 ? parts[4] : parts[3];
      return new Artifact(
          parts[0] + ":" + parts[1] + ":" + classifier, parts[1], classifier, version, omitted);
    }

    /** The name maven-dependency-plugin's copy-dependencies gives the jar. */
    String fileName() {
      return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
    }
  }

  /** The file names of Spark's jars (and the logging back end) in the tree. */
  static Set<String> sparkJars(List<String> tgf) {
    Map<String, Artifact> nodes = new HashMap<>();
    Map<String, List<String>> children = new HashMap<>();
    boolean edges = false;
    for (String line : tgf) {
      if (line.isBlank()) {
        continue;
      }
      if (line.equals("#")) {
        edges = true;
        continue;
      }
      String[] fields = line.split(" ", 3);
      if (edges) {
        children.computeIfAbsent(fields[0], id -> new ArrayList<>()).add(fields[1]);
      } else {
        nodes.put(
            fields[0], Artifact.parse(fields[1] + (fields.length > 2 ? " " + fields[2] : "")));
      }
    }
    // An omitted node (a duplicate or a lost version conflict) has no children: follow the node
    // Maven kept for the same artifact.
    Map<String, String> resolvedNode = new HashMap<>();
    nodes.forEach(
        (id, artifact) -> {
          if (!artifact.omitted()) {
            resolvedNode.put(artifact.key(), id);
          }
        });
    Deque<String> pending = new ArrayDeque<>();
    resolvedNode.forEach(
        (key, id) -> {
          if (key.startsWith(SPARK_ROOT) || LOGGING.stream().anyMatch(key::startsWith)) {
            pending.add(key);
          }
        });
    if (pending.stream().noneMatch(key -> key.startsWith(SPARK_ROOT))) {
      throw new IllegalStateException(
          "the dependency tree has no "
              + SPARK_ROOT
              + "*: generate it from the app module with dependency:tree -Dverbose -DoutputType=tgf"
              + " -Dscope=runtime");
    }
    Set<String> closure = new HashSet<>();
    Set<String> files = new TreeSet<>();
    while (!pending.isEmpty()) {
      String key = pending.pop();
      String id = resolvedNode.get(key);
      if (id == null || !closure.add(key)) {
        continue; // outside the runtime scope, or seen
      }
      files.add(nodes.get(id).fileName());
      for (String child : children.getOrDefault(id, List.of())) {
        pending.add(nodes.get(child).key());
      }
    }
    return files;
  }

  /**
   * Arguments: the verbose TGF dependency tree, the library folder, the SPARK_HOME to write {@code
   * jars/} into, the file to write the {@code --jars} list into.
   */
  public static void main(String[] arguments) throws IOException {
    if (arguments.length != 4) {
      throw new IllegalArgumentException(
          "usage: SparkDistribution <dependency-tree.tgf> <lib folder> <spark home> <submit-jars"
              + " file>");
    }
    Path library = Path.of(arguments[1]).toAbsolutePath();
    Path jars = Path.of(arguments[2]).toAbsolutePath().resolve("jars");
    Set<String> spark =
        sparkJars(Files.readAllLines(Path.of(arguments[0]), StandardCharsets.UTF_8));
    Set<String> submitted = new TreeSet<>();
    try (Stream<Path> files = Files.list(library)) {
      files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".jar"))
          .filter(name -> !spark.contains(name))
          .forEach(submitted::add);
    }
    deleteFolder(jars);
    Files.createDirectories(jars);
    for (String name : spark) {
      Path jar = library.resolve(name);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar
                + " is in the dependency tree but not in the library folder: "
                + "the tree and copy-dependencies must use the same scope (runtime)");
      }
      Files.createSymbolicLink(jars.resolve(name), jars.relativize(jar));
    }
    List<String> paths = submitted.stream().map(name -> library.resolve(name).toString()).toList();
    Files.writeString(
        Path.of(arguments[3]), String.join(",", paths) + "\n", StandardCharsets.UTF_8);
    System.out.printf(
        "SparkDistribution: %d jars in %s, %d for --jars in %s%n",
        spark.size(), jars, paths.size(), arguments[3]);
  }

  private static void deleteFolder(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> entries = Files.walk(folder)) {
      for (Path entry : entries.sorted((first, second) -> second.compareTo(first)).toList()) {
        Files.delete(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + folder, e);
    }
  }
}
