package dev.movielake.infra.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path of a server that runs in a JVM of its own (Hive Metastore, the S3 server, the REST
 * catalog): their libraries clash with Spark's (old Hadoop, Jackson 3), so they never share this
 * JVM's class path. Each server module under {@code servers/} writes the list of its runtime jars
 * into {@code dev/movielake/servers/NAME.classpath} at build time; its own jar (or classes folder)
 * holds that file and the server's launcher. Where the build's Maven repository is not (the
 * container image), the jars are looked up in a folder named after the server beside its jar.
 */
public final class ServerClasspath {
  private static final String FOLDER = "dev/movielake/servers/";

  private ServerClasspath() {}

  /** The server module's own classes followed by its runtime jars, joined for {@code -cp}. */
  public static String of(String server) {
    String resource = FOLDER + server + ".classpath";
    URL url = ServerClasspath.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException(
          "the "
              + server
              + " server is not on the class path ("
              + resource
              + " is missing); build the project again with 'mvn -DskipTests package'");
    }
    List<String> entries = new ArrayList<>();
    Path root = root(url, resource);
    entries.add(root.toString());
    // In the container image the build's Maven repository is gone: the jars are copied into a
    // folder named after the server beside its own jar (lib/rest-catalog/, see the Dockerfile).
    Path copies = root.toAbsolutePath().getParent().resolve(server);
    try (InputStream in = url.openStream()) {
      String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      for (String jar : listed.split(File.pathSeparator)) {
        if (!jar.isBlank()) {
          Path copy = copies.resolve(Path.of(jar).getFileName());
          if (Files.exists(Path.of(jar))) {
            entries.add(jar);
          } else if (Files.exists(copy)) {
            entries.add(copy.toString());
          } else {
            throw new IllegalStateException(
                "the "
                    + server
                    + " server's library "
                    + jar
                    + " is missing (nor is it in "
                    + copies
                    + "); run 'mvn -DskipTests package' to download it again");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The jar or classes folder the resource was found in. */
  private static Path root(URL url, String resource) {
    try {
      if ("jar".equals(url.getProtocol())) {
        return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
      }
      Path file = Path.of(url.toURI());
      for (int i = 0; i < resource.split("/").length; i++) {
        file = file.getParent();
      }
      return file;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot locate the jar of " + url, e);
    }
  }
}
