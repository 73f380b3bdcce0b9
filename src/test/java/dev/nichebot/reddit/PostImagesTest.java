package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RedditPost#images()} on every recorded listing (each post's expected images written out by
 * hand) and on hand-written cases the recordings lack.
 */
class PostImagesTest {
  private static final String P = "https://preview.redd.it/";

  /** Expected images of every post in every recorded listing, as "SOURCE url WxH". */
  private static final Map<String, List<String>> RECORDED = new LinkedHashMap<>();

  static {
    // listing_multireddit_new_2020_subset.json
    RECORDED.put("t3_hmiues", List.of("DIRECT https://i.imgur.com/agmR4lX.jpg 3000x2000"));
    RECORDED.put("t3_hmitm7", List.of()); // imgur.com page, post_hint link: not an image
    RECORDED.put("t3_hmiklw", List.of()); // imgur.com page
    RECORDED.put("t3_hmfcwn", List.of("DIRECT https://i.redd.it/ejjexgcjma951.jpg 5312x2498"));
    RECORDED.put("t3_hmfel7", List.of("DIRECT https://i.redd.it/t8gr7k7vma951.jpg 5162x2904"));
    // listing_r_all_new_2021_subset.json
    RECORDED.put("t3_kzj68i", List.of()); // self post
    RECORDED.put("t3_kzj68e", List.of()); // youtube rich:video
    RECORDED.put(
        "t3_kzj67t", // external article: its preview
        List.of(
            "PREVIEW https://external-preview.redd.it/m8_b6UYt-gOTe3T2fbXwYw7JqMo4NlPRt0XRgb86Zh4.jpg"
                + "?auto=webp&s=b3ae69fb4aff531f89313a2a048c17d4cfb886eb 5000x2625"));
    RECORDED.put(
        "t3_kzj67b", // fresh gallery: gallery_data null, metadata order, 2 failed items skipped
        List.of(
            "GALLERY "
                + P
                + "9zathw6fmzb61.jpg?width=468&format=pjpg&auto=webp"
                + "&s=daff78add41409c6b6960bb0157387d7a48ed646 468x461",
            "GALLERY "
                + P
                + "99zmcw6fmzb61.jpg?width=1200&format=pjpg&auto=webp"
                + "&s=2dfdc8d0dddab8271db81ecd47726e04205813c8 1200x670",
            "GALLERY "
                + P
                + "155pax6fmzb61.jpg?width=468&format=pjpg&auto=webp"
                + "&s=0029bb442c1669fe2cc7d136248c6bb0dd6d052d 468x461",
            "GALLERY "
                + P
                + "yhvdgw6fmzb61.jpg?width=468&format=pjpg&auto=webp"
                + "&s=beaf9cd2b09b3493f95d25c212847abd2e2034d1 468x461",
            "GALLERY "
                + P
                + "28u3cx6fmzb61.jpg?width=390&format=pjpg&auto=webp"
                + "&s=7bc26405f14dc8d2e592608f7d39a9733263c07a 390x259",
            "GALLERY "
                + P
                + "a6i4mx6fmzb61.jpg?width=468&format=pjpg&auto=webp"
                + "&s=e244722f4e8fdd8d3d3439594cd0ed3acb6ea452 468x461"));
    RECORDED.put("t3_kzj677", List.of("DIRECT https://i.redd.it/31f5f9cfmzb61.png 720x1440"));
    RECORDED.put("t3_kzj674", List.of("DIRECT https://i.redd.it/6bsoy1hfmzb61.jpg 500x625"));
    RECORDED.put(
        "t3_kzj66m", // 4 failed, 2 valid
        List.of(
            "GALLERY "
                + P
                + "it5hvpdfmzb61.jpg?width=2272&format=pjpg&auto=webp"
                + "&s=b59bbc6a5cfeb823ce325bef25366162b8d3ad23 2272x1704",
            "GALLERY "
                + P
                + "g0fq9qdfmzb61.jpg?width=2272&format=pjpg&auto=webp"
                + "&s=2fe66f54fa9aed8fdde8f39a1d6e2a898d25082c 2272x1704"));
    RECORDED.put(
        "t3_kzj65g", // link to another reddit post: its preview
        List.of(
            "PREVIEW https://external-preview.redd.it/lNGn4372MFaJ_VLZeMggU7llr1NHn0zARLbLW3ymxDQ.png"
                + "?auto=webp&s=52ec9db3f68332c966dfb24156622380f1640360 2236x2992"));
    RECORDED.put(
        "t3_kzj64v",
        List.of(
            "GALLERY "
                + P
                + "llcg4hvemzb61.jpg?width=4032&format=pjpg&auto=webp"
                + "&s=41892e57abbb3e782b239717e67cad31ddabf20c 4032x3024"));
  }

  @Test
  void everyPostOfEveryRecordedListingYieldsItsExpectedImages() {
    List<String> listings = Fixtures.recordedListings();
    assertThat(listings).isNotEmpty();
    int posts = 0;
    for (String file : listings) {
      Fixtures.Recorded recorded = Fixtures.recorded(file);
      ListingPage page = ThingParser.listing(recorded.responseJson(), file);
      assertThat(page.posts()).as(file).isNotEmpty();
      for (RedditPost post : page.posts()) {
        assertThat(RECORDED)
            .as("%s has %s, which this test has no expectation for", file, post.fullname())
            .containsKey(post.fullname());
        assertThat(describe(post.images()))
            .as("images of %s in %s", post.fullname(), file)
            .containsExactlyElementsOf(RECORDED.get(post.fullname()));
        posts++;
      }
    }
    assertThat(posts).isEqualTo(RECORDED.size());
  }

  @Test
  void theRecordedNativeImagePostIsADirectImage() {
    // GET /comments/<id> right after a native image submit: [post listing, comments listing].
    JsonNode answer = Fixtures.recorded("submission_image_2023.json").responseJson();
    ListingPage page = ThingParser.listing(answer.get(0), "submission_image_2023.json");
    assertThat(describe(page.posts().get(0).images()))
        .containsExactly("DIRECT https://i.redd.it/8xjguc40cnrb1.png 128x128");
  }

  @Test
  void handWrittenCasesTheRecordingsLack() {
    ListingPage page =
        ThingParser.listing(Fixtures.localJson("listing_edge_cases.json"), "edge cases");
    Map<String, List<String>> byPost = new LinkedHashMap<>();
    page.posts().forEach(p -> byPost.put(p.fullname(), describe(p.images())));

    assertThat(byPost)
        .containsExactly(
            // gallery_data order wins over media_metadata order; animated as gif; failed,
            // unprocessed, video, null and unknown items skipped; missing size stays unknown
            Map.entry(
                "t3_gal001",
                List.of(
                    "GALLERY https://i.redd.it/m2bbbbbbbbb2.gif 480x270",
                    "GALLERY "
                        + P
                        + "m1aaaaaaaaa1.jpg?width=1200&format=pjpg&auto=webp&s=aaaa1111 1200x800",
                    "GALLERY " + P + "m5eeeeeeeee5.png?width=640&format=png&auto=webp&s=dddd ?x?")),
            // a crosspost yields the original's image
            Map.entry("t3_xpost1", List.of("DIRECT https://i.redd.it/origimage01.jpg 4032x3024")),
            // ... and the original gallery, in its order
            Map.entry(
                "t3_xpost2",
                List.of(
                    "GALLERY "
                        + P
                        + "g2hhhhhhhhh2.jpg?width=900&format=pjpg&auto=webp&s=gggg 900x900",
                    "GALLERY "
                        + P
                        + "g1iiiiiiiii1.jpg?width=800&format=pjpg&auto=webp&s=ffff 800x600")),
            Map.entry("t3_video1", List.of()), // v.redd.it video, despite its preview
            Map.entry("t3_self01", List.of()), // self post, despite inline media
            Map.entry("t3_gifv01", List.of()), // imgur .gifv is a video
            Map.entry("t3_imgur2", List.of("DIRECT https://i.imgur.com/XyZ1234.png ?x?")),
            Map.entry("t3_extimg", List.of("DIRECT https://example.org/pics/cat.jpg 1024x768")),
            Map.entry("t3_hostl1", List.of()), // javascript: link, file: preview
            Map.entry("t3_galnom", List.of()), // gallery without media_metadata
            Map.entry("t3_gif001", List.of("DIRECT https://i.redd.it/animated0001.gif 320x240")),
            Map.entry("t3_album1", List.of()), // imgur album page
            Map.entry("t3_ovrd01", List.of("DIRECT https://i.redd.it/overridden01.png 2000x?")));
    RedditPost crosspost = page.posts().get(1);
    assertThat(crosspost.crosspostParent()).contains("t3_orig01");
  }

  private static List<String> describe(List<PostImage> images) {
    return images.stream()
        .map(
            i ->
                i.source()
                    + " "
                    + i.url()
                    + " "
                    + (i.width().isPresent() ? String.valueOf(i.width().getAsInt()) : "?")
                    + "x"
                    + (i.height().isPresent() ? String.valueOf(i.height().getAsInt()) : "?"))
        .toList();
  }
}
