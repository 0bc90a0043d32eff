package io.memqa.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), as Prometheus' own parser
 * applies it: HELP and TYPE at most once per family and before its samples, a family's samples
 * together, valid names, label syntax and values, no series twice, and histograms whose buckets
 * rise to a +Inf bucket equal to their count. Returns the samples by series, failing loudly.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( -?\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private PrometheusText() {}

  /** Series ("name{a=\"b\",...}" with labels sorted) to value; throws AssertionError naming the line. */
  static Map<String, Double> parse(String text) {
    Map<String, String> types = new HashMap<>();
    Set<String> helped = new HashSet<>();
    Set<String> finished = new HashSet<>();
    Map<String, Double> series = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    String current = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] p = line.split(" ", 4);
        if (p.length >= 3 && (p[1].equals("HELP") || p[1].equals("TYPE"))) {
          check(NAME.matcher(p[2]).matches(), n, "bad metric name " + p[2]);
          check(!finished.contains(p[2]) && !p[2].equals(current), n, p[1] + " for " + p[2] + " after its samples");
          if (p[1].equals("TYPE")) {
            check(p.length == 4 && TYPES.contains(p[3]), n, "bad TYPE line");
            check(types.put(p[2], p[3]) == null, n, "second TYPE for " + p[2]);
          } else {
            check(helped.add(p[2]), n, "second HELP for " + p[2]);
          }
        }
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      check(m.matches(), n, "not a sample line: " + line);
      String name = m.group(1);
      String family = family(name, types);
      if (!family.equals(current)) {
        check(current == null || !finished.contains(family), n, "samples of " + family + " are not together");
        if (current != null) {
          finished.add(current);
        }
        current = family;
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null && !m.group(3).isEmpty()) {
        Matcher l = LABEL.matcher(m.group(3));
        int at = 0;
        while (at < m.group(3).length()) {
          check(l.find(at) && l.start() == at, n, "bad labels: " + m.group(3));
          check(labels.put(l.group(1), l.group(2)) == null, n, "label " + l.group(1) + " twice");
          at = l.end();
        }
      }
      double v = value(m.group(4), n);
      String key = labels.isEmpty() ? name : name + labels;
      check(series.put(key, v) == null, n, "series twice: " + key);
      samples.add(new Sample(name, labels, v));
    }
    histograms(samples, types);
    return series;
  }

  private record Sample(String name, Map<String, String> labels, double value) {}

  /** The family a sample belongs to: histogram and summary samples carry suffixes. */
  private static String family(String name, Map<String, String> types) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String t = types.get(base);
        if ("histogram".equals(t) || "summary".equals(t)) {
          return base;
        }
      }
    }
    return name;
  }

  private static void histograms(List<Sample> samples, Map<String, String> types) {
    for (Map.Entry<String, String> t : types.entrySet()) {
      if (!t.getValue().equals("histogram")) {
        continue;
      }
      Map<Map<String, String>, TreeMap<Double, Double>> buckets = new HashMap<>();
      Map<Map<String, String>, Double> counts = new HashMap<>();
      for (Sample s : samples) {
        if (s.name().equals(t.getKey() + "_bucket")) {
          Map<String, String> rest = new TreeMap<>(s.labels());
          String le = rest.remove("le");
          check(le != null, 0, t.getKey() + " has a bucket without le");
          buckets.computeIfAbsent(rest, x -> new TreeMap<>()).put(value(le, 0), s.value());
        } else if (s.name().equals(t.getKey() + "_count")) {
          counts.put(s.labels(), s.value());
        }
      }
      for (Map.Entry<Map<String, String>, TreeMap<Double, Double>> b : buckets.entrySet()) {
        double previous = 0;
        for (double c : b.getValue().values()) {
          check(c >= previous, 0, t.getKey() + b.getKey() + ": buckets must not fall");
          previous = c;
        }
        check(b.getValue().lastKey() == Double.POSITIVE_INFINITY, 0, t.getKey() + b.getKey() + " has no +Inf bucket");
        check(Double.valueOf(previous).equals(counts.get(b.getKey())), 0, t.getKey() + b.getKey() + ": +Inf bucket differs from _count");
      }
    }
  }

  private static double value(String s, int line) {
    String v = s.replace("\"", "");
    switch (v) {
      case "+Inf", "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new AssertionError("line " + line + ": bad value " + s);
        }
    }
  }

  private static void check(boolean ok, int line, String what) {
    if (!ok) {
      throw new AssertionError("invalid Prometheus text, line " + line + ": " + what);
    }
  }
}
