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

/** The PNG charts of a run: recall@k curve, latency histogram, EM by question type. */
public final class Charts {
  public static final String RECALL = "recall-at-k.png";
  public static final String LATENCY = "latency.png";
  public static final String BY_TYPE = "em-by-type.png";
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
        .title("Retrieval answer recall@k (" + s.questions() + " questions)")
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

  private static void save(Chart<?, ?> chart, Path file) throws IOException {
    byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(file, out -> out.write(png));
  }
}
