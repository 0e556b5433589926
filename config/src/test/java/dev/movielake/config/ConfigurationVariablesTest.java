package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConfigurationVariablesTest {
  /** A quoted upper-case name with at least one underscore: how the configuration classes spell variables. */
  private static final Pattern VARIABLE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
  private static final Path SOURCES = Path.of("src/main/java/dev/movielake/config");

  @Test
  void listsExactlyTheVariablesTheConfigurationClassesRead() throws IOException {
    Set<String> read = new TreeSet<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(file -> !file.endsWith("ConfigurationVariables.java")).toList()) {
        Matcher matcher = VARIABLE_LITERAL.matcher(Files.readString(file));
        while (matcher.find()) {
          read.add(matcher.group(1));
        }
      }
    }
    // Names built from a prefix and a layer or record type are not literals anywhere.
    for (Layer layer : Layer.values()) {
      read.add(LakehouseConfig.databaseVariable(layer));
      read.add(LakehouseConfig.retentionVariable(layer));
    }
    for (RecordType recordType : RecordType.values()) {
      read.add(KafkaConfig.topicVariable(recordType.recordType()));
    }
    for (ScheduleConfig.Job job : ScheduleConfig.Job.values()) {
      read.add(job.cronVariable());
      read.add(job.retriesVariable());
      read.add(job.timeoutVariable());
    }
    read.add(ConfigurationVariables.DEBUG);
    read.add(ConfigurationVariables.JAVA_OPTIONS);
    read.add(ConfigurationVariables.STACK_HOME);

    assertThat(ConfigurationVariables.names()).containsExactlyElementsOf(new TreeSet<>(read));
  }

  @Test
  void theVariablesReadOutsideThisModuleAreReadWhereTheListSays() throws IOException {
    assertThat(Files.readString(Path.of("../app/src/main/java/dev/movielake/app/PipelineCommand.java")))
        .contains("\"" + ConfigurationVariables.DEBUG + "\"");
    assertThat(Files.readString(Path.of("../pipeline"))).contains(ConfigurationVariables.JAVA_OPTIONS);
    assertThat(Files.readString(Path.of("../app/src/main/java/dev/movielake/app/stack/StackCommand.java")))
        .contains("${env:" + ConfigurationVariables.STACK_HOME + ":-");
  }
}
