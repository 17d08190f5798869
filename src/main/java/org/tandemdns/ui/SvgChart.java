package org.tandemdns.ui;

import java.util.List;

/**
 * Small inline SVG charts (no script, no style attribute: the Content-Security-Policy allows
 * neither inline), drawn with presentation attributes; every label escaped.
 */
final class SvgChart {
  private static final int W = 640;
  private static final int H = 160;
  private static final int PAD = 28;
  private static final String[] COLOURS = {"#2a6fdb", "#d9822b", "#2e9e5b", "#b83280", "#6b46c1", "#c53030", "#319795", "#718096"};

  private SvgChart() {}

  /** One named series of values; null values are gaps. */
  record Series(String name, List<Double> values) {}

  /**
   * A line chart of {@code series} over {@code xLabels} (the same length as every series), with
   * the largest value as the top of the axis and a legend.
   */
  static String lines(String id, String title, String unit, List<String> xLabels, List<Series> series) {
    double max = 1;
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null) {
          max = Math.max(max, v);
        }
      }
    }
    int n = Math.max(1, xLabels.size());
    StringBuilder svg = new StringBuilder();
    svg.append("<figure class=\"chart\" id=\"").append(Html.esc(id)).append("\"><figcaption>").append(Html.esc(title))
        .append("</figcaption><svg viewBox=\"0 0 ").append(W).append(' ').append(H + 20)
        .append("\" width=\"100%\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">")
        .append("<line x1=\"").append(PAD).append("\" y1=\"").append(H - PAD).append("\" x2=\"").append(W - 4).append("\" y2=\"")
        .append(H - PAD).append("\" stroke=\"#999\"/>")
        .append("<text x=\"2\" y=\"12\" font-size=\"10\" fill=\"#555\">").append(Html.esc(format(max) + " " + unit)).append("</text>")
        .append("<text x=\"2\" y=\"").append(H - PAD).append("\" font-size=\"10\" fill=\"#555\">0</text>");
    for (int i = 0; i < xLabels.size(); i += Math.max(1, xLabels.size() / 6)) {
      svg.append("<text x=\"").append(x(i, n)).append("\" y=\"").append(H - PAD + 14).append("\" font-size=\"9\" fill=\"#555\">")
          .append(Html.esc(xLabels.get(i))).append("</text>");
    }
    for (int s = 0; s < series.size(); s++) {
      String colour = COLOURS[s % COLOURS.length];
      StringBuilder points = new StringBuilder();
      List<Double> values = series.get(s).values();
      for (int i = 0; i < values.size(); i++) {
        Double v = values.get(i);
        if (v == null) {
          continue;
        }
        double y = (H - PAD) - (v / max) * (H - PAD - 16);
        points.append(x(i, n)).append(',').append(Math.round(y)).append(' ');
        svg.append("<circle cx=\"").append(x(i, n)).append("\" cy=\"").append(Math.round(y)).append("\" r=\"2.5\" fill=\"")
            .append(colour).append("\"><title>").append(Html.esc(series.get(s).name() + ": " + format(v) + " " + unit))
            .append("</title></circle>");
      }
      svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
          .append(points.toString().trim()).append("\"/>");
      svg.append("<text x=\"").append(PAD + 4 + (s % 4) * 150).append("\" y=\"").append(H + 4 + (s / 4) * 12)
          .append("\" font-size=\"10\" fill=\"").append(colour).append("\">").append(Html.esc(series.get(s).name())).append("</text>");
    }
    return svg.append("</svg></figure>").toString();
  }

  /**
   * A timeline: one row per name, a bar for each interval in which it was in a bad state, over
   * {@code [from, to]} (epoch seconds).
   */
  static String timeline(String id, String title, long from, long to, List<String> rows, List<List<long[]>> intervals) {
    int rowH = 18;
    int h = rows.size() * rowH + 24;
    double span = Math.max(1, to - from);
    StringBuilder svg = new StringBuilder();
    svg.append("<figure class=\"chart\" id=\"").append(Html.esc(id)).append("\"><figcaption>").append(Html.esc(title))
        .append("</figcaption><svg viewBox=\"0 0 ").append(W).append(' ').append(h).append("\" width=\"100%\" role=\"img\" aria-label=\"")
        .append(Html.esc(title)).append("\">");
    int left = 270;
    for (int r = 0; r < rows.size(); r++) {
      int y = r * rowH + 4;
      svg.append("<text x=\"2\" y=\"").append(y + 12).append("\" font-size=\"10\" fill=\"#333\">").append(Html.esc(rows.get(r)))
          .append("</text><rect x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(W - left - 4)
          .append("\" height=\"").append(rowH - 4).append("\" fill=\"#e6f4ea\"/>");
      for (long[] iv : intervals.get(r)) {
        double x0 = left + (Math.max(iv[0], from) - from) / span * (W - left - 4);
        double x1 = left + (Math.min(iv[1], to) - from) / span * (W - left - 4);
        svg.append("<rect x=\"").append(Math.round(x0)).append("\" y=\"").append(y).append("\" width=\"")
            .append(Math.max(2, Math.round(x1 - x0))).append("\" height=\"").append(rowH - 4).append("\" fill=\"#e53e3e\"/>");
      }
    }
    return svg.append("</svg></figure>").toString();
  }

  private static long x(int i, int n) {
    return Math.round(PAD + 6 + (n == 1 ? 0.5 : (double) i / (n - 1)) * (W - PAD - 24));
  }

  private static String format(double v) {
    return v >= 100 || v == Math.rint(v) ? String.valueOf(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
