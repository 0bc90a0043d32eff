package io.memqa.eval;

import io.memqa.eval.AnswerEvaluation.Row;
import io.memqa.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts of a run: recall@k curve, latency histogram, EM by question type, reliability
 * diagram and coverage curve.
 */
public final class Charts {
  public static final String RECALL = "recall-at-k.png";
  public static final String LATENCY = "latency.png";
  public static final String BY_TYPE = "em-by-type.png";
  public static final String RELIABILITY = "reliability.png";
  public static final String COVERAGE = "coverage.png";
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;
  private static final int BINS = 20;

  static {
    // Charts are drawn off-screen, also on machines with a display variable set.
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  public static void write(Path outDir, Summary s, List<Row> rows) throws IOException {
    save(recall(s), outDir.resolve(RECALL));
    save(latency(s, Summary.latencies(rows)), outDir.resolve(LATENCY));
    save(byType(s), outDir.resolve(BY_TYPE));
    save(reliability(s), outDir.resolve(RELIABILITY));
    save(coverage(s), outDir.resolve(COVERAGE));
  }

  static XYChart recall(Summary s) {
    int depth = Math.max(1, s.depth());
    double[] k = new double[depth];
    double[] recall = new double[depth];
    for (int i = 0; i < depth; i++) {
      k[i] = i + 1;
      recall[i] = s.metrics().getOrDefault("answer_recall@" + (i + 1), 0.0);
    }
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Retrieval answer recall@k (" + s.answerable() + " questions)")
        .xAxisTitle("k (passages in memory)").yAxisTitle("answer recall %").build();
    c.addSeries("recall@k", k, recall);
    c.getStyler().setYAxisMin(0.0).setYAxisMax(100.0).setXAxisDecimalPattern("#0")
        .setXAxisMaxLabelCount(Math.min(depth, 20)).setLegendVisible(false);
    return c;
  }

  static CategoryChart latency(Summary s, double[] latencies) {
    double p99 = s.metrics().getOrDefault("latency_ms_p99", 0.0);
    double max = p99 > 0 ? p99 : 1;
    // Values past p99 go into the last bar so that one slow question does not squash the rest.
    List<Double> clipped = new ArrayList<>();
    Arrays.stream(latencies).forEach(v -> clipped.add(Math.min(v, max)));
    if (clipped.isEmpty()) {
      clipped.add(0.0);
    }
    Histogram h = new Histogram(clipped, BINS, 0, max);
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format("Latency per question: p50 %.1f, p95 %.1f, p99 %.1f ms (last bar: p99 and above)",
            s.metrics().getOrDefault("latency_ms_p50", 0.0), s.metrics().getOrDefault("latency_ms_p95", 0.0), p99))
        .xAxisTitle("latency ms (bin centre)").yAxisTitle("questions").build();
    c.addSeries("questions", h.getxAxisData(), h.getyAxisData());
    c.getStyler().setAvailableSpaceFill(0.95).setXAxisDecimalPattern("#,##0.#").setXAxisLabelRotation(45)
        .setLegendVisible(false);
    return c;
  }

  static CategoryChart byType(Summary s) {
    List<String> types = new ArrayList<>();
    List<Double> em = new ArrayList<>();
    s.byType().forEach((t, g) -> {
      types.add(t + " (" + g.questions() + ")");
      em.add(g.em());
    });
    if (types.isEmpty()) {
      types.add("none");
      em.add(0.0);
    }
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format("EM by question type (all: %.2f)", s.metrics().getOrDefault("em", 0.0)))
        .xAxisTitle("question type (questions)").yAxisTitle("EM %").build();
    c.addSeries("EM", types, em);
    c.getStyler().setLabelsVisible(true).setYAxisMin(0.0).setYAxisMax(100.0).setDecimalPattern("#0.0")
        .setLegendVisible(false);
    return c;
  }

  /** Accuracy against mean top score per score bin; a calibrated reader lies on the diagonal. */
  static XYChart reliability(Summary s) {
    List<Double> score = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    int answered = 0;
    for (Calibration.Bin b : s.reliability()) {
      answered += b.questions();
      if (b.questions() > 0) {
        score.add(b.meanScore());
        accuracy.add(b.accuracy());
      }
    }
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format("Reliability: ECE %.2f (%d answered questions, %d score bins)",
            s.metrics().getOrDefault("ece", 0.0), answered, Calibration.BINS))
        .xAxisTitle("mean top score in bin %").yAxisTitle("right (EM) %").build();
    c.addSeries("calibrated", new double[] {0, 100}, new double[] {0, 100}).setMarker(SeriesMarkers.NONE);
    if (score.isEmpty()) {
      score.add(0.0);
      accuracy.add(0.0);
    }
    c.addSeries("memqa", score, accuracy);
    c.getStyler().setXAxisMin(0.0).setXAxisMax(100.0).setYAxisMin(0.0).setYAxisMax(100.0);
    return c;
  }

  /** EM when only the most confident share of the questions is answered. */
  static XYChart coverage(Summary s) {
    List<Double> coverage = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    for (Calibration.Point p : s.coverage()) {
      coverage.add((double) p.coverage());
      accuracy.add(p.accuracy());
    }
    if (coverage.isEmpty()) {
      coverage.add(0.0);
      accuracy.add(0.0);
    }
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format("Coverage: EM of the most confident questions (%d questions)", s.questions()))
        .xAxisTitle("coverage % (questions answered, most confident first)").yAxisTitle("EM %").build();
    c.addSeries("EM", coverage, accuracy);
    c.getStyler().setXAxisMin(0.0).setXAxisMax(100.0).setYAxisMin(0.0).setYAxisMax(100.0).setLegendVisible(false);
    return c;
  }

  private static void save(Chart<?, ?> chart, Path file) throws IOException {
    byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(file, out -> out.write(png));
  }
}
