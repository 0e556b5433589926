package dev.movielake.ingest.tmdb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One page of a TMDB list: its results and where paging ends. */
public record TmdbPage(int page, int totalPages, int totalResults, List<ObjectNode> results) {
  public static TmdbPage empty(int page) {
    return new TmdbPage(page, 0, 0, List.of());
  }

  /** TMDB serves pages 1 to 500 only, and fewer when the list is shorter. */
  public boolean hasNext() {
    return page < Math.min(totalPages, TmdbClient.MAX_PAGE);
  }
}
