package io.edpipe.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium for tests: the DOM of an HTML file after its scripts ran, or a screenshot of it.
 *
 * <p>The browser is {@code -Dedpipe.chromium}, else {@code $CHROMIUM}, else the first of {@code chromium},
 * {@code chromium-browser} and {@code google-chrome} on the PATH. Each call starts a fresh browser with its own
 * temporary profile, deleted afterwards.
 *
 * <p>Layout depends on the window width, so boxes read from {@link #dumpDom} match the pixels of a
 * {@link #screenshot} only when both use the same width. Without {@code --window-size} headless Chromium lays pages
 * out 780 px wide; {@link #dumpDom(Path)} uses {@link #DEFAULT_WIDTH} x {@link #DEFAULT_HEIGHT}. A screenshot holds
 * only the window: to capture a whole page, make the window as tall as the page.
 */
final class HeadlessChromium {
  static final String PROPERTY = "edpipe.chromium";
  static final String ENV = "CHROMIUM";
  static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
  static final int DEFAULT_WIDTH = 1280;
  static final int DEFAULT_HEIGHT = 1024;
  private static final long TIMEOUT_SECONDS = 60;
  private static final String INSTALL_HINT =
      "install Debian's chromium package (apt-get install -y chromium; .ci/run does)"
          + " or point -D" + PROPERTY + " or $" + ENV + " at a Chromium or Chrome binary";

  /**
   * Lets timers and network fetches that scripts start finish before the DOM is dumped or the screenshot taken:
   * without it a chart drawn after a {@code setTimeout} is missing from both. Virtual time, so it costs no wall
   * time when the page goes idle sooner.
   */
  private static final List<String> FLAGS =
      List.of("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=10000");

  private final Path executable;

  HeadlessChromium(Path executable) {
    if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
      throw new IllegalStateException("No Chromium at " + executable + ": " + INSTALL_HINT);
    }
    this.executable = executable;
  }

  /** The browser the system property, the environment or the PATH names. */
  static HeadlessChromium find() {
    return new HeadlessChromium(locate(System.getProperty(PROPERTY), System.getenv(ENV), System.getenv("PATH")));
  }

  static Path locate(String property, String env, String pathVariable) {
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String path = pathVariable == null ? "" : pathVariable;
    for (String name : NAMES) {
      for (String directory : path.split(File.pathSeparator)) {
        if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
          return Path.of(directory, name);
        }
      }
    }
    throw new IllegalStateException(
        "No Chromium: -D" + PROPERTY + " and $" + ENV + " are unset and none of " + NAMES + " is on the PATH: "
            + INSTALL_HINT);
  }

  Path executable() {
    return executable;
  }

  /** The DOM after the page's scripts ran, serialised as HTML, in a {@link #DEFAULT_WIDTH}-wide window. */
  String dumpDom(Path html) {
    return dumpDom(html, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  String dumpDom(Path html, int width, int height) {
    return run(List.of("--window-size=" + width + "," + height, "--dump-dom", url(html)));
  }

  /** A PNG of the window's {@code width} x {@code height} CSS pixels (one device pixel each), top of the page. */
  void screenshot(Path html, Path png, int width, int height) {
    Path target = png.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(
        List.of(
            "--screenshot=" + target,
            "--window-size=" + width + "," + height,
            "--force-device-scale-factor=1",
            url(html)));
    try {
      if (!Files.isRegularFile(target) || Files.size(target) == 0) {
        throw new IllegalStateException("Chromium exited 0 but wrote no screenshot at " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String url(Path html) {
    if (!Files.isRegularFile(html)) {
      throw new IllegalArgumentException("No HTML file at " + html.toAbsolutePath());
    }
    return html.toAbsolutePath().toUri().toString();
  }

  /** Runs the browser with {@code args} and returns its standard output. */
  private String run(List<String> args) {
    try (TempDirectory work = TempDirectory.create()) {
      Path profile = Files.createDirectory(work.path().resolve("profile"));
      Path out = work.path().resolve("stdout");
      Path err = work.path().resolve("stderr");
      List<String> command = new ArrayList<>();
      command.add(executable.toString());
      command.addAll(FLAGS);
      command.add("--user-data-dir=" + profile);
      command.addAll(args);
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        destroy(process);
        throw new IllegalStateException(
            "Chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command + "\n" + tail(err));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Chromium exited with " + process.exitValue() + ": " + command + "\n" + tail(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + executable, e);
    }
  }

  /** The browser and the renderer, GPU and utility processes it started. */
  private static void destroy(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** The end of the browser's standard error: Chromium logs a lot, the reason it failed comes last. */
  private static String tail(Path err) throws IOException {
    String text = Files.readString(err, StandardCharsets.UTF_8);
    return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
  }

  /** A temporary directory deleted with everything in it on close. */
  private record TempDirectory(Path path) implements AutoCloseable {
    static TempDirectory create() throws IOException {
      return new TempDirectory(Files.createTempDirectory("edpipe-chromium-"));
    }

    @Override
    public void close() throws IOException {
      try (Stream<Path> files = Files.walk(path)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
