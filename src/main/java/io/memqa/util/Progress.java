package io.memqa.util;

import java.text.DecimalFormat;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long job (items/s and ETA). On a terminal it draws a live bar on stderr; otherwise
 * (CI, pipes, log files) it writes a plain log line every ten seconds. The launcher sets the
 * {@code memqa.tty} property when stderr is a terminal.
 */
public final class Progress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** Starts a progress display; {@code total} of -1 means unknown. */
  public static Progress start(String task, long total) {
    boolean tty = Boolean.getBoolean("memqa.tty");
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .showSpeed(new DecimalFormat("#,##0.0"))
            .setMaxRenderedLength(110);
    if (tty) {
      b.setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250);
    } else {
      b.setConsumer(new DelegatingProgressBarConsumer(LOG::info)).setUpdateIntervalMillis(10_000);
    }
    return new Progress(b.build());
  }

  public void step() {
    bar.step();
  }

  public void stepBy(long n) {
    bar.stepBy(n);
  }

  public void stepTo(long n) {
    bar.stepTo(n);
  }

  public long current() {
    return bar.getCurrent();
  }

  public void maxHint(long total) {
    bar.maxHint(total);
  }

  /** A short status shown after the bar, e.g. the running loss. */
  public void message(String text) {
    bar.setExtraMessage(text);
  }

  @Override
  public void close() {
    bar.close();
  }
}
