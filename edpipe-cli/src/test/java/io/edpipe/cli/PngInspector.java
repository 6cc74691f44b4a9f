package io.edpipe.cli;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * What a screenshot shows inside a {@link ChartBox}, on a white page. Takes one image pixel per CSS pixel, as
 * {@link HeadlessChromium#screenshot} makes them ({@code --force-device-scale-factor=1}).
 */
final class PngInspector {
  /**
   * How far (per channel, 0-255) a pixel may be from white and still count as background: the faintest fringe of
   * anti-aliasing is left out, Chart.js's default grid lines (rgba(0,0,0,0.1), 25 from white) count as ink.
   */
  static final int TOLERANCE = 12;

  /** The most two channels of a grey may differ by: Chart.js's default text and grid colours are exact greys. */
  static final int GREY_CHROMA = 24;

  private final BufferedImage image;

  PngInspector(BufferedImage image) {
    this.image = image;
  }

  static PngInspector load(Path png) {
    try {
      BufferedImage image = ImageIO.read(png.toFile());
      if (image == null) {
        throw new IllegalArgumentException("Not an image ImageIO can read: " + png);
      }
      return new PngInspector(image);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + png, e);
    }
  }

  int width() {
    return image.getWidth();
  }

  int height() {
    return image.getHeight();
  }

  /** The pixels in the box (clipped to the image) that are not background white. */
  long inkedPixels(ChartBox box) {
    Rectangle area = clip(box);
    long inked = 0;
    for (int y = area.y; y < area.y + area.height; y++) {
      for (int x = area.x; x < area.x + area.width; x++) {
        if (isInk(image.getRGB(x, y))) {
          inked++;
        }
      }
    }
    return inked;
  }

  /** The inked share of the box's area; 0 for a box entirely outside the image (as below a short screenshot). */
  double inkedShare(ChartBox box) {
    Rectangle area = clip(box);
    long pixels = (long) area.width * area.height;
    return pixels == 0 ? 0 : (double) inkedPixels(box) / pixels;
  }

  /**
   * How many distinct non-background colours each cover at least {@code minShare} of the box. Colours are quantised
   * to 16 levels per channel, and all greys (black included) count as one colour: anti-aliased text is hundreds of
   * greys. So text gives at most 1, a chart with N series in distinct hues about N, or N + 1 with its grey axes,
   * labels and grid lines; anti-aliased edges of the series have too few pixels each to count.
   */
  int distinctColours(ChartBox box, double minShare) {
    Rectangle area = clip(box);
    Map<Integer, Long> pixelsByColour = new HashMap<>();
    for (int y = area.y; y < area.y + area.height; y++) {
      for (int x = area.x; x < area.x + area.width; x++) {
        int rgb = image.getRGB(x, y);
        if (isInk(rgb)) {
          pixelsByColour.merge(quantised(rgb), 1L, Long::sum);
        }
      }
    }
    double minPixels = minShare * area.width * area.height;
    return (int) pixelsByColour.values().stream().filter(pixels -> pixels >= minPixels).count();
  }

  private Rectangle clip(ChartBox box) {
    Rectangle area = new Rectangle(box.left(), box.top(), box.width(), box.height())
        .intersection(new Rectangle(0, 0, image.getWidth(), image.getHeight()));
    return area.isEmpty() ? new Rectangle() : area;
  }

  private static boolean isInk(int argb) {
    return 255 - red(argb) > TOLERANCE || 255 - green(argb) > TOLERANCE || 255 - blue(argb) > TOLERANCE;
  }

  /** 16 levels per channel; every grey, up to {@link #GREY_CHROMA} between channels, is -1. */
  private static int quantised(int argb) {
    int r = red(argb);
    int g = green(argb);
    int b = blue(argb);
    if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) <= GREY_CHROMA) {
      return -1;
    }
    return (r >> 4) << 8 | (g >> 4) << 4 | b >> 4;
  }

  private static int red(int argb) {
    return argb >> 16 & 0xff;
  }

  private static int green(int argb) {
    return argb >> 8 & 0xff;
  }

  private static int blue(int argb) {
    return argb & 0xff;
  }
}
