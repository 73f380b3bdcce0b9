package dev.nichebot.app.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Real photographs for the benchmarks, read from Debian packages installed on the machine (never
 * copied into the repository): {@code apt-get install lomiri-wallpapers-16.04
 * lomiri-wallpapers-20.04 mate-backgrounds plasma-workspace-wallpapers}. Their licences (CC-BY,
 * CC-BY-SA, CC0, GPL-2+) are in {@code /usr/share/doc/<package>/copyright}.
 *
 * <p>Only photographs, hand-picked: the same packages also hold drawings and colour variants of one
 * design, which would count as "distinct" images while being the same picture.
 */
public final class PhotoSet {

  /** The default photographs: one file per picture (no two sizes of the same one). */
  public static final List<String> DEBIAN_PHOTOS =
      List.of(
          // lomiri-wallpapers-16.04
          "/usr/share/backgrounds/Bridge_by_Sander_Klootwijk.jpg",
          "/usr/share/backgrounds/Dragonfly_by_Bolly.jpg",
          "/usr/share/backgrounds/Picture_0B_by_freespace.jpg",
          "/usr/share/backgrounds/Picture_1A_by_freespace.jpg",
          "/usr/share/backgrounds/Wine_by_Jakkub_Mede.jpg",
          "/usr/share/backgrounds/aitzgorri_by_Aitzol_Berasategi.jpg",
          "/usr/share/backgrounds/analogpattern_by_Peter_Nerlich.jpg",
          "/usr/share/backgrounds/free_by_Peter_Nerlich.jpg",
          "/usr/share/backgrounds/friends_by_Aitzol_Berasategi.jpg",
          "/usr/share/backgrounds/greentock_by_Peter_Nerlich.jpg",
          "/usr/share/backgrounds/life_by_Aitzol_Berasategi.jpg",
          "/usr/share/backgrounds/picosdeeuropa_by_Aitzol_Berasategi.jpg",
          "/usr/share/backgrounds/seeding_by_Clements_Engelhardt.jpg",
          "/usr/share/backgrounds/sunset_by_Aitzol_Berasategi.jpg",
          // lomiri-wallpapers-20.04
          "/usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg",
          "/usr/share/backgrounds/Infinite-Sea_by_Aury88.jpg",
          // mate-backgrounds
          "/usr/share/backgrounds/mate/nature/Aqua.jpg",
          "/usr/share/backgrounds/mate/nature/Blinds.jpg",
          "/usr/share/backgrounds/mate/nature/Dune.jpg",
          "/usr/share/backgrounds/mate/nature/FreshFlower.jpg",
          "/usr/share/backgrounds/mate/nature/Garden.jpg",
          "/usr/share/backgrounds/mate/nature/GreenMeadow.jpg",
          "/usr/share/backgrounds/mate/nature/LadyBird.jpg",
          "/usr/share/backgrounds/mate/nature/RainDrops.jpg",
          "/usr/share/backgrounds/mate/nature/Storm.jpg",
          "/usr/share/backgrounds/mate/nature/TwoWings.jpg",
          "/usr/share/backgrounds/mate/nature/Wood.jpg",
          "/usr/share/backgrounds/mate/nature/YellowFlower.jpg",
          // plasma-workspace-wallpapers
          "/usr/share/wallpapers/BytheWater/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/ColdRipple/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/ColorfulCups/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/DarkestHour/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/EveningGlow/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/FallenLeaf/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/Grey/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/Kite/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/OneStandsOut/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/Path/contents/images/2560x1600.jpg",
          "/usr/share/wallpapers/summer_1am/contents/images/2560x1600.jpg");

  private PhotoSet() {}

  /**
   * The photo files to use: every image under the given directories, or the Debian photographs that
   * are installed when none are given.
   */
  public static List<Path> files(List<Path> dirs) throws IOException {
    List<Path> result = new ArrayList<>();
    if (dirs.isEmpty()) {
      for (String p : DEBIAN_PHOTOS) {
        Path path = Path.of(p);
        if (Files.isRegularFile(path)) {
          result.add(path);
        }
      }
      return result;
    }
    for (Path dir : dirs) {
      if (Files.isRegularFile(dir)) {
        result.add(dir);
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .filter(PhotoSet::isImageName)
            .sorted()
            .forEach(result::add);
      }
    }
    return result;
  }

  /** Reads a photo, scaled so its longer side is at most {@code maxSide}. */
  public static BufferedImage read(Path file, int maxSide) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException("not an image: " + file);
    }
    int longSide = Math.max(image.getWidth(), image.getHeight());
    if (longSide > maxSide) {
      image = ImageTransforms.resize(image, (double) maxSide / longSide);
    }
    return image;
  }

  /**
   * Cuts an image into a grid × grid of non-overlapping tiles: different parts of one photograph
   * are different pictures, which gives more distinct images (and harder ones: same light, same
   * colours) than there are photographs.
   */
  public static List<BufferedImage> tiles(BufferedImage image, int grid) {
    List<BufferedImage> tiles = new ArrayList<>();
    int w = image.getWidth() / grid;
    int h = image.getHeight() / grid;
    for (int y = 0; y < grid; y++) {
      for (int x = 0; x < grid; x++) {
        tiles.add(ImageTransforms.cropCorner(image.getSubimage(x * w, y * h, w, h), 0));
      }
    }
    return tiles;
  }

  private static boolean isImageName(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jpg")
        || name.endsWith(".jpeg")
        || name.endsWith(".png")
        || name.endsWith(".webp");
  }
}
