package dev.nichebot.domain;

/**
 * An image a source just found: where it is and, for credit, where it came from. Only {@code
 * sourceUrl} is required.
 */
public record NewCandidate(
    Long sourceId,
    String sourceUrl,
    String pageUrl,
    String author,
    String title,
    String externalId) {

  public NewCandidate {
    if (sourceUrl == null || sourceUrl.isBlank()) {
      throw new IllegalArgumentException("a candidate needs the URL of its image");
    }
  }

  public static NewCandidate of(Long sourceId, String sourceUrl) {
    return new NewCandidate(sourceId, sourceUrl, null, null, null, null);
  }
}
