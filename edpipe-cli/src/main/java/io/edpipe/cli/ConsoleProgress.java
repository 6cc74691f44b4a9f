package io.edpipe.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with rate on the terminal; nothing when output is not a terminal (pipes, CI, tests). */
final class ConsoleProgress implements AutoCloseable {
  private final ProgressBar bar;

  private ConsoleProgress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * @param max the total in units (bytes, messages...), or -1 if unknown
   */
  static ConsoleProgress start(String task, long max, String unit, long unitSize) {
    if (System.console() == null) {
      return new ConsoleProgress(null);
    }
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .setUnit(unit, unitSize)
            .showSpeed()
            .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
            .setMaxRenderedLength(100)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err));
    return new ConsoleProgress(builder.build());
  }

  void stepTo(long value) {
    if (bar != null) {
      bar.stepTo(value);
    }
  }

  void message(String message) {
    if (bar != null) {
      bar.setExtraMessage(message);
    }
  }

  static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
