package dev.nichebot.crawl.source;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.nichebot.crawl.download.DownloadResult;
import dev.nichebot.crawl.download.SafeDownloader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdom2.Element;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * An RSS 2.0 or Atom feed ({@code feed:<url>}), parsed with Rome: each new item's images from its
 * enclosures, its {@code media:content} (Media RSS) and the {@code <img>} elements of its HTML
 * (parsed with jsoup). The feed itself is fetched like an image, through the {@link
 * SafeDownloader}: the same SSRF guard, size limit and timeouts. Items are remembered by id (or
 * link), so an item is read once.
 */
public final class FeedSource implements ImageSource {
  static final String MEDIA_RSS = "http://search.yahoo.com/mrss/";
  private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp");

  private final SourceSpec spec;
  private final SafeDownloader downloader;

  public FeedSource(SourceSpec spec, SafeDownloader downloader) {
    if (spec.kind() != SourceSpec.Kind.FEED) {
      throw new IllegalArgumentException("not a feed: source: " + spec);
    }
    this.spec = spec;
    this.downloader = downloader;
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public Discovery discover(SeenItems seen) throws SourceException {
    DownloadResult result = downloader.download(spec.target());
    if (result instanceof DownloadResult.Failed failed) {
      throw new SourceException(
          "feed " + spec.target() + ": " + failed.reason() + ": " + failed.detail());
    }
    DownloadResult.Downloaded body = (DownloadResult.Downloaded) result;
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false); // no DTDs, no external entities
      feed = input.build(new XmlReader(new ByteArrayInputStream(body.body())));
    } catch (FeedException | IOException | IllegalArgumentException e) {
      throw new SourceException(
          "feed " + spec.target() + " is not RSS or Atom: " + e.getMessage(), e);
    }
    String base = body.finalUrl();
    List<Found> found = new ArrayList<>();
    List<String> newlySeen = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      Optional<String> key = key(entry);
      if (key.isEmpty() || seen.contains(key.get()) || newlySeen.contains(key.get())) {
        continue;
      }
      newlySeen.add(key.get());
      String link = absolute(base, entry.getLink()).orElse(null);
      String author = blankToNull(entry.getAuthor());
      String title = blankToNull(entry.getTitle());
      for (String image : images(entry, link == null ? base : link)) {
        found.add(new Found(image, link, author, title, key.get()));
      }
    }
    return new Discovery(found, newlySeen);
  }

  private static Optional<String> key(SyndEntry entry) {
    for (String candidate : new String[] {entry.getUri(), entry.getLink(), entry.getTitle()}) {
      if (candidate != null && !candidate.isBlank()) {
        return Optional.of(candidate.strip());
      }
    }
    return Optional.empty();
  }

  /** The item's images in order, each once: enclosures, Media RSS, then its HTML. */
  static List<String> images(SyndEntry entry, String base) {
    Set<String> out = new LinkedHashSet<>();
    for (SyndEnclosure e : entry.getEnclosures()) {
      String type = e.getType() == null ? "" : e.getType().toLowerCase(Locale.ROOT);
      if (type.startsWith("image/") || (type.isEmpty() && looksLikeImage(e.getUrl()))) {
        absolute(base, e.getUrl()).ifPresent(out::add);
      }
    }
    for (Element element : entry.getForeignMarkup()) {
      media(element, base, out);
    }
    List<String> html = new ArrayList<>();
    if (entry.getDescription() != null) {
      html.add(entry.getDescription().getValue());
    }
    for (SyndContent content : entry.getContents()) {
      html.add(content.getValue());
    }
    for (String text : html) {
      if (text == null || !text.contains("<")) {
        continue;
      }
      Document doc = Jsoup.parseBodyFragment(text, base);
      doc.select("img[src]").forEach(img -> absolute(base, img.absUrl("src")).ifPresent(out::add));
    }
    return List.copyOf(out);
  }

  /** {@code media:content} (also inside {@code media:group}) that is an image. */
  private static void media(Element element, String base, Set<String> out) {
    if (!MEDIA_RSS.equals(element.getNamespaceURI())) {
      return;
    }
    if (element.getName().equals("group")) {
      for (Element child : element.getChildren()) {
        media(child, base, out);
      }
      return;
    }
    if (!element.getName().equals("content")) {
      return;
    }
    String url = element.getAttributeValue("url");
    String medium = lower(element.getAttributeValue("medium"));
    String type = lower(element.getAttributeValue("type"));
    boolean image =
        medium.equals("image")
            || type.startsWith("image/")
            || (medium.isEmpty() && type.isEmpty() && looksLikeImage(url));
    if (image) {
      absolute(base, url).ifPresent(out::add);
    }
  }

  private static String lower(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }

  private static boolean looksLikeImage(String url) {
    if (url == null) {
      return false;
    }
    String path = url;
    int cut = path.indexOf('?');
    path = cut < 0 ? path : path.substring(0, cut);
    int dot = path.lastIndexOf('.');
    return dot >= 0 && IMAGE_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** An absolute http(s) URL, resolved against the item or feed; nothing else. */
  static Optional<String> absolute(String base, String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    try {
      URI resolved = base == null ? new URI(url.strip()) : new URI(base).resolve(url.strip());
      String scheme =
          resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && resolved.getHost() != null) {
        return Optional.of(resolved.toString());
      }
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      // not a URL: no image
    }
    return Optional.empty();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
