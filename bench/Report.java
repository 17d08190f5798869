import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a bench run's results.tsv (SERVER, METRIC, VALUE per line, a metric repeated once per run)
 * into the markdown summary: medians per server, Tandem's ratio to each peer, and the targets of
 * issue 8 — or, for a run with {@code --dnssec} (meta.txt has a {@code dnssec} line), the target of
 * issue 12 and memory per signed record beside memory per source record. Usage: {@code java
 * bench/Report.java bench/out/<timestamp>}.
 */
public final class Report {
  private static final String[] PEERS = {"knot", "nsd", "bind"};

  /** One table row: the metric Tandem is read from, the one peers are read from, and how to judge it. */
  private record Row(String label, String tandemMetric, String peerMetric, boolean higherIsBetter, boolean max, String target) {}

  private static final List<Row> ROWS = List.of(
      new Row("QPS (dnsperf, median of runs)", "qps", "qps", true, false, "≥ 1.0× BIND, ≥ 0.8× Knot"),
      new Row("lost queries (worst run)", "lost", "lost", false, true, "0"),
      new Row("average latency, ms (closed loop)", "latency_avg_ms", "latency_avg_ms", false, false, ""),
      new Row("average response size, bytes (dnsperf)", "response_bytes_avg", "response_bytes_avg", false, false, ""),
      new Row("server CPU µs per query (user + sys, all threads)", "cpu_us_per_query", "cpu_us_per_query", false, false, ""),
      new Row("— of which user µs per query", "user_us_per_query", "user_us_per_query", false, false, ""),
      new Row("— of which kernel µs per query", "sys_us_per_query", "sys_us_per_query", false, false, ""),
      new Row("— of which Tandem's JIT compiler threads, µs per query", "jit_us_per_query", "jit_us_per_query", false, false, ""),
      new Row("server CPU in use during the runs, cores", "cpu_cores", "cpu_cores", false, false, ""),
      new Row("capacity estimate: 10⁶ ÷ CPU µs per query, QPS per core", "capacity_qps", "capacity_qps", true, false,
          "≥ 1.0× BIND, ≥ 0.8× Knot"),
      new Row("load time, s — Tandem's first start (writes its store)", "load_first_s", "load_s", false, false, "≤ 3× Knot"),
      new Row("load time, s — Tandem's restart (store present)", "load_restart_s", "load_s", false, false, "≤ 3× Knot"),
      new Row("RSS bytes/record after load", "rss_b_per_rec", "rss_b_per_rec", false, false, "≤ 350"),
      new Row("RSS bytes/signed record after load", "rss_b_per_signed_rec", "rss_b_per_signed_rec", false, false, ""),
      new Row("RSS bytes/record after Tandem's first start", "rss_b_per_rec_first", "rss_b_per_rec", false, false, "≤ 350"),
      new Row("RSS bytes/signed record after Tandem's first start", "rss_b_per_signed_rec_first", "rss_b_per_signed_rec", false,
          false, ""),
      new Row("RSS bytes/record, settled (idle until the AXFR phase)", "rss_b_per_rec_settled", "rss_b_per_rec_settled", false,
          false, "≤ 350"),
      new Row("RSS bytes/signed record, settled", "rss_b_per_signed_rec_settled", "rss_b_per_signed_rec_settled", false, false,
          ""),
      new Row("PSS bytes/record after load (summed over processes)", "pss_b_per_rec", "pss_b_per_rec", false, false, ""),
      new Row("PSS bytes/signed record after load", "pss_b_per_signed_rec", "pss_b_per_signed_rec", false, false, ""),
      new Row("RSS MB after the QPS runs", "rss_mb_end", "rss_mb_end", false, false, ""),
      new Row("AXFR to kdig, s (median)", "axfr_kdig_s", "axfr_kdig_s", false, false, "≤ 1.5× Knot"),
      new Row("AXFR to a raw client (Probe), s (median)", "axfr_raw_s", "axfr_raw_s", false, false, ""));

  private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
  private final Map<String, String> meta = new LinkedHashMap<>();
  /** A run with --dnssec: the issue 12 target instead of issue 8's, "source record" in the labels. */
  private boolean dnssec;

  public static void main(String[] args) throws IOException {
    if (args.length != 1 || args[0].startsWith("-")) {
      System.out.println("usage: java bench/Report.java OUT_DIR   (the directory bench/run wrote)");
      return;
    }
    Report r = new Report();
    r.read(Path.of(args[0]));
    r.dnssec = r.meta.containsKey("dnssec");
    System.out.print(r.render());
  }

  private void read(Path dir) throws IOException {
    for (String line : Files.readAllLines(dir.resolve("results.tsv"))) {
      String[] f = line.split("\t");
      if (f.length != 3 || f[2].isBlank()) {
        continue;
      }
      try {
        values.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).computeIfAbsent(f[1], k -> new ArrayList<>())
            .add(Double.parseDouble(f[2]));
      } catch (NumberFormatException e) {
        // not a number: skipped
      }
    }
    for (Map<String, List<Double>> metrics : values.values()) {
      List<Double> cpu = metrics.get("cpu_us_per_query");
      if (cpu != null) {
        metrics.put("capacity_qps", cpu.stream().filter(c -> c > 0).map(c -> 1e6 / c).toList());
      }
    }
    Path m = dir.resolve("meta.txt");
    if (Files.exists(m)) {
      for (String line : Files.readAllLines(m)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          meta.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
  }

  private Double agg(String server, String metric, boolean max) {
    List<Double> v = values.getOrDefault(server, Map.of()).get(metric);
    if (v == null || v.isEmpty()) {
      return null;
    }
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    if (max) {
      return s.get(s.size() - 1);
    }
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private int count(String server, String metric) {
    List<Double> v = values.getOrDefault(server, Map.of()).get(metric);
    return v == null ? 0 : v.size();
  }

  private String render() {
    StringBuilder o = new StringBuilder();
    o.append("# Tandem vs Knot, NSD, BIND").append(dnssec ? ", signed zone" : "").append(" — ")
        .append(meta.getOrDefault("date", "?")).append("\n\n");
    for (String k : List.of("host", "cpu", "memory", "load_start", "load_end", "zone_records", "signed_records", "records",
        "dnssec", "signing_zone", "signing_zone-qps", "threads", "dnsperf", "load_runs", "axfr_runs", "tandem_jar", "tandem_java_opts",
        "versions")) {
      if (meta.containsKey(k)) {
        o.append("- ").append(k).append(": ").append(meta.get(k)).append('\n');
      }
    }
    o.append("\nMedians; ratio = Tandem ÷ peer (for QPS higher is better, for everything else lower is better).");
    if (dnssec) {
      o.append(" A source record is one of the records GenZone wrote (zone_records), a signed record one of the\n")
          .append("signed file's (signed_records: the source records plus DNSKEY, NSEC3PARAM, NSEC3 and RRSIG). Target:\n")
          .append("issue 12's (the issue 8 targets were set for the unsigned zone).");
    }
    o.append("\n\n");
    o.append("| metric | Tandem | Knot | NSD | BIND | ÷Knot | ÷NSD | ÷BIND | target | met |\n");
    o.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (Row row : ROWS) {
      Double t = agg("tandem", row.tandemMetric, row.max);
      Double[] p = new Double[PEERS.length];
      boolean any = t != null;
      for (int i = 0; i < PEERS.length; i++) {
        p[i] = agg(PEERS[i], row.peerMetric, row.max);
        any |= p[i] != null;
      }
      if (!any) {
        continue;
      }
      String label = dnssec ? row.label.replace("bytes/record", "bytes/source record") : row.label;
      o.append("| ").append(label).append(" | ").append(num(t));
      for (Double v : p) {
        o.append(" | ").append(num(v));
      }
      for (Double v : p) {
        o.append(" | ").append(ratio(t, v));
      }
      o.append(" | ").append(target(row)).append(" | ").append(verdict(row, t, p)).append(" |\n");
    }
    Double heap = agg("tandem", "heap_used_mb", false);
    if (heap != null) {
      o.append("\nTandem heap in use after a full GC: ").append(num(heap)).append(" MB (")
          .append(num(agg("tandem", "heap_b_per_rec", false))).append(dnssec ? " bytes/source record, " : " bytes/record); ");
      if (dnssec) {
        o.append(num(agg("tandem", "heap_b_per_signed_rec", false))).append(" bytes/signed record); ");
      }
      o.append("RSS after that GC ")
          .append(num(agg("tandem", "rss_mb_after_gc", false))).append(" MB; RSS after load ")
          .append(num(agg("tandem", "rss_mb", false))).append(" MB.\n");
    }
    renderPropagation(o);
    renderVariants(o);
    renderRaw(o);
    return o.toString();
  }

  private void renderPropagation(StringBuilder o) {
    Double tt = agg("tandem-tandem", "propagation_ms", false);
    Double bk = agg("bind-knot", "propagation_ms", false);
    if (tt == null && bk == null) {
      return;
    }
    o.append("\n### Propagation: change at the primary → secondary serves it (ms)\n\n");
    o.append("| pair | median | max | changes |\n|---|---:|---:|---:|\n");
    o.append("| Tandem → Tandem | ").append(tt == null ? "not run (" + meta.getOrDefault("tandem_propagation", "?") + ")" : num(tt))
        .append(" | ").append(num(agg("tandem-tandem", "propagation_ms", true))).append(" | ")
        .append(count("tandem-tandem", "propagation_ms")).append(" |\n");
    o.append("| BIND → Knot (reference) | ").append(num(bk)).append(" | ").append(num(agg("bind-knot", "propagation_ms", true)))
        .append(" | ").append(count("bind-knot", "propagation_ms")).append(" |\n");
    if (tt != null && bk != null) {
      o.append("\nTandem → Tandem ÷ BIND → Knot: ").append(ratio(tt, bk)).append("; target: median ≤ 20 ms — ")
          .append(tt <= 20 ? "met" : "NOT met").append('\n');
    }
  }

  private void renderVariants(StringBuilder o) {
    List<String> names = values.keySet().stream().filter(k -> k.startsWith("tandem-v")).toList();
    if (names.isEmpty()) {
      return;
    }
    o.append("\n### Tandem JVM settings (restart on the store; one dnsperf run and two AXFRs each)\n\n");
    o.append("| variant | JVM options | load s | RSS MB | RSS B/record | heap after GC MB | QPS | CPU µs/query | lost | RSS MB after QPS | AXFR kdig s | AXFR raw s |\n");
    o.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String n : names) {
      String id = n.substring("tandem-".length());
      o.append("| ").append(id).append(" | `").append(meta.getOrDefault("variant" + id.substring(1), "?")).append("` | ")
          .append(num(agg(n, "load_restart_s", false))).append(" | ").append(num(agg(n, "rss_mb", false))).append(" | ")
          .append(num(agg(n, "rss_b_per_rec", false))).append(" | ").append(num(agg(n, "heap_used_mb", false))).append(" | ")
          .append(num(agg(n, "qps", false))).append(" | ").append(num(agg(n, "cpu_us_per_query", false))).append(" | ")
          .append(num(agg(n, "lost", false))).append(" | ")
          .append(num(agg(n, "rss_mb_end", false))).append(" | ").append(num(agg(n, "axfr_kdig_s", false))).append(" | ")
          .append(num(agg(n, "axfr_raw_s", false))).append(" |\n");
    }
  }

  private void renderRaw(StringBuilder o) {
    o.append("\n<details><summary>All values (every run, in order)</summary>\n\n");
    o.append("| server | metric | values |\n|---|---|---|\n");
    values.forEach((server, metrics) -> metrics.forEach((metric, v) -> {
      StringBuilder s = new StringBuilder();
      for (Double d : v) {
        s.append(s.length() == 0 ? "" : ", ").append(num(d));
      }
      o.append("| ").append(server).append(" | ").append(metric).append(" | ").append(s).append(" |\n");
    }));
    o.append("\n</details>\n");
  }

  /** Issue 12's target for a signed zone: CPU per query within 1.1× Knot's; issue 8's otherwise. */
  private String target(Row row) {
    if (!dnssec) {
      return row.target;
    }
    return row.tandemMetric.equals("cpu_us_per_query") ? "≤ 1.1× Knot" : "";
  }

  private String verdict(Row row, Double t, Double[] p) {
    if (t == null || target(row).isEmpty()) {
      return "";
    }
    Double knot = p[0];
    Double bind = p[2];
    if (dnssec) {
      return knot == null ? "?" : t <= 1.1 * knot ? "yes" : "**no**";
    }
    switch (row.tandemMetric) {
      case "qps", "capacity_qps" -> {
        if (knot == null || bind == null) {
          return "?";
        }
        return t >= bind && t >= 0.8 * knot ? "yes" : "**no**";
      }
      case "lost" -> {
        return t == 0 ? "yes" : "**no**";
      }
      case "load_first_s", "load_restart_s" -> {
        return knot == null ? "?" : t <= 3 * knot ? "yes" : "**no**";
      }
      case "rss_b_per_rec", "rss_b_per_rec_first", "rss_b_per_rec_settled" -> {
        return t <= 350 ? "yes" : "**no**";
      }
      case "axfr_kdig_s" -> {
        return knot == null ? "?" : t <= 1.5 * knot ? "yes" : "**no**";
      }
      default -> {
        return "";
      }
    }
  }

  private static String ratio(Double t, Double p) {
    if (t == null || p == null || p == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f×", t / p);
  }

  private static String num(Double v) {
    if (v == null) {
      return "–";
    }
    double a = Math.abs(v);
    if (a >= 1000 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
