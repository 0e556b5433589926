package dev.movielake.app.serve;

import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.ops.wiring.ServingDatabase;
import dev.movielake.publish.Publication;
import dev.movielake.publish.Publications;
import dev.movielake.publish.Publisher;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline publish}: silver and gold into the serving collections, changes only. */
@Command(
    name = "publish",
    description = {
      "Publish silver and gold tables into the MongoDB serving collections.",
      "MONGODB_URI, else the embedded server. Only rows changed since the last published snapshot"
          + " are",
      "sent; a rerun with no new snapshot sends nothing, and a publish that failed halfway is"
          + " completed",
      "by the next one."
    })
public final class PublishCommand extends LakehouseCommand {
  @Option(
      names = "--collections",
      split = ",",
      paramLabel = "NAME",
      description =
          "Collections to publish (default: all): movies, movie_metrics, people, credits, reviews,"
              + " review_metrics, trending_movies, sentiment_trends, genre_metrics, data_quality,"
              + " quality_scores.")
  List<String> collections = List.of();

  @Option(
      names = "--full",
      description =
          "Send every row and delete documents whose rows are gone, "
              + "instead of the changes since the last publish.")
  boolean full;

  @Mixin JsonOption json;

  @Override
  protected int run() {
    Set<String> selected = selected(collections);
    try (ServingDatabase serving = ServingDatabase.open(context().serveConfig())) {
      err().println("Publishing to " + serving.description());
      err().flush();
      Publisher.Result result =
          new Publisher(storage(), serving.database(), Clock.systemUTC())
              .publish(
                  selected,
                  full,
                  collection -> {
                    err()
                        .println(
                            "  "
                                + collection.collection()
                                + ": "
                                + collection.outcome()
                                + (collection.documents() > 0
                                    ? ", " + collection.documents() + " documents"
                                    : ""));
                    err().flush();
                  });
      if (json.enabled()) {
        Json.print(out(), result);
      } else {
        print(result);
      }
      return 0;
    }
  }

  static Set<String> selected(List<String> names) {
    Set<String> known = new LinkedHashSet<>();
    Publications.all().stream().map(Publication::collection).forEach(known::add);
    for (String name : names) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown collection '" + name + "'; known: " + String.join(", ", known));
      }
    }
    return new LinkedHashSet<>(names);
  }

  private void print(Publisher.Result result) {
    TextTable table =
        new TextTable(
            "COLLECTION", "SOURCE", "OUTCOME", "SNAPSHOT", "SENT", "MODE", "DELETED", "SECONDS");
    for (Publisher.CollectionResult collection : result.collections()) {
      table.row(
          collection.collection(),
          collection.sourceTable(),
          collection.outcome(),
          collection.snapshotId().map(String::valueOf).orElse("-"),
          collection.documents(),
          collection.outcome().equals("published")
              ? (collection.incremental() ? "changes" : "full")
              : "-",
          collection.deleted(),
          String.format("%.1f", collection.duration().toMillis() / 1000.0));
    }
    table.print(out());
    out()
        .printf(
            "%d documents published in %.1f s%n",
            result.documents(), result.duration().toMillis() / 1000.0);
  }
}
