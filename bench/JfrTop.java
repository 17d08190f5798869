import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Aggregates a JFR recording (Java 17 has no {@code jfr view}): CPU samples by top frame and by
 * method anywhere on the stack, samples in native code, allocation by class and by site, and GC
 * pauses. Only the threads whose name matches {@code --threads} count.
 *
 * <pre>
 * java bench/JfrTop.java FILE.jfr [--threads REGEX] [--top N]
 * </pre>
 */
public final class JfrTop {
  private final Pattern threads;
  private final int top;
  private final Map<String, Long> selfCpu = new HashMap<>();
  private final Map<String, Long> totalCpu = new HashMap<>();
  private final Map<String, Long> nativeTop = new HashMap<>();
  private final Map<String, Long> tandemCpu = new HashMap<>();
  private final Map<String, Long> packageCpu = new HashMap<>();
  private final Map<String, Long> allocClass = new HashMap<>();
  private final Map<String, Long> allocSite = new HashMap<>();
  private final Map<String, Long> allocTandemSite = new HashMap<>();
  private final Map<String, Long> threadSamples = new HashMap<>();
  private long cpuSamples;
  private long nativeSamples;
  private long allocBytes;
  private long gcCount;
  private Duration gcPause = Duration.ZERO;
  private Duration gcLongest = Duration.ZERO;

  private JfrTop(Pattern threads, int top) {
    this.threads = threads;
    this.top = top;
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || args[0].startsWith("-")) {
      System.out.println("usage: java bench/JfrTop.java FILE.jfr [--threads REGEX] [--top N]");
      return;
    }
    String regex = ".*";
    int top = 15;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--threads" -> regex = args[i + 1];
        case "--top" -> top = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    JfrTop t = new JfrTop(Pattern.compile(regex), top);
    try (RecordingFile f = new RecordingFile(Path.of(args[0]))) {
      while (f.hasMoreEvents()) {
        t.accept(f.readEvent());
      }
    }
    t.print(args[0], regex);
  }

  private void accept(RecordedEvent e) {
    String type = e.getEventType().getName();
    switch (type) {
      case "jdk.ExecutionSample" -> {
        if (!wanted(e, "sampledThread")) {
          return;
        }
        cpuSamples++;
        threadSamples.merge(threadName(e, "sampledThread"), 1L, Long::sum);
        List<RecordedFrame> frames = frames(e.getStackTrace());
        if (frames.isEmpty()) {
          return;
        }
        selfCpu.merge(method(frames.get(0)), 1L, Long::sum);
        tandemCpu.merge(firstTandemMethod(frames), 1L, Long::sum);
        packageCpu.merge(library(frames.get(0).getMethod().getType().getName()), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String m = method(f);
          if (seen.add(m)) {
            totalCpu.merge(m, 1L, Long::sum);
          }
        }
      }
      case "jdk.NativeMethodSample" -> {
        if (!wanted(e, "sampledThread")) {
          return;
        }
        nativeSamples++;
        List<RecordedFrame> frames = frames(e.getStackTrace());
        if (!frames.isEmpty()) {
          nativeTop.merge(method(frames.get(0)) + " <- " + firstTandem(frames), 1L, Long::sum);
        }
      }
      case "jdk.ObjectAllocationSample" -> {
        if (!wanted(e, "eventThread")) {
          return;
        }
        long w = e.getLong("weight");
        allocBytes += w;
        allocClass.merge(e.getClass("objectClass").getName(), w, Long::sum);
        List<RecordedFrame> frames = frames(e.getStackTrace());
        if (!frames.isEmpty()) {
          allocSite.merge(method(frames.get(0)) + ":" + frames.get(0).getLineNumber(), w, Long::sum);
          allocTandemSite.merge(firstTandem(frames), w, Long::sum);
        }
      }
      case "jdk.GarbageCollection" -> {
        gcCount++;
        Duration d = e.getDuration("sumOfPauses");
        gcPause = gcPause.plus(d);
        if (d.compareTo(gcLongest) > 0) {
          gcLongest = d;
        }
      }
      default -> {
        // other events are not aggregated
      }
    }
  }

  private boolean wanted(RecordedEvent e, String field) {
    return threads.matcher(threadName(e, field)).matches();
  }

  private static String threadName(RecordedEvent e, String field) {
    RecordedThread t = e.getThread(field);
    if (t == null) {
      return "?";
    }
    String n = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
    return n == null ? "?" : n;
  }

  private static List<RecordedFrame> frames(RecordedStackTrace st) {
    return st == null ? List.of() : st.getFrames();
  }

  private static String method(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The first frame in Tandem's own code, where a library call was made from. */
  private static String firstTandem(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      if (f.getMethod().getType().getName().startsWith("org.tandemdns.")) {
        return method(f) + ":" + f.getLineNumber();
      }
    }
    return "(no Tandem frame)";
  }

  /** The innermost Tandem method on the stack: where the time was spent, library calls included. */
  private static String firstTandemMethod(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      if (f.getMethod().getType().getName().startsWith("org.tandemdns.")) {
        return method(f);
      }
    }
    return "(no Tandem frame: Netty/JDK)";
  }

  private static String library(String className) {
    if (className.startsWith("org.tandemdns.")) {
      return "Tandem (org.tandemdns)";
    }
    if (className.startsWith("org.xbill.DNS.")) {
      return "dnsjava (org.xbill.DNS)";
    }
    if (className.startsWith("io.netty.")) {
      return "Netty";
    }
    if (className.startsWith("org.sqlite.")) {
      return "sqlite-jdbc";
    }
    if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
      return "JDK";
    }
    return "other";
  }

  private void print(String file, String regex) {
    System.out.printf(Locale.ROOT, "## %s (threads matching %s)%n%n", file, regex);
    System.out.printf(Locale.ROOT, "CPU samples: %d; samples in native code: %d; allocation sampled: %.1f MB; "
        + "GC: %d collections, %.0f ms paused in all, longest %.1f ms%n", cpuSamples, nativeSamples, allocBytes / 1e6, gcCount,
        gcPause.toNanos() / 1e6, gcLongest.toNanos() / 1e6);
    table("CPU samples by thread", threadSamples, cpuSamples, "samples");
    table("CPU, top frame (self)", selfCpu, cpuSamples, "samples");
    table("CPU by library of the top frame", packageCpu, cpuSamples, "samples");
    table("CPU by innermost Tandem method (its library calls included)", tandemCpu, cpuSamples, "samples");
    table("CPU, method anywhere on the stack (total)", totalCpu, cpuSamples, "samples");
    table("native code, top frame <- Tandem caller", nativeTop, nativeSamples, "samples");
    table("allocation by class", allocClass, allocBytes, "bytes");
    table("allocation by site (top frame:line)", allocSite, allocBytes, "bytes");
    table("allocation by Tandem caller (first org.tandemdns frame)", allocTandemSite, allocBytes, "bytes");
  }

  private void table(String title, Map<String, Long> m, long total, String unit) {
    if (m.isEmpty() || total == 0) {
      return;
    }
    System.out.printf(Locale.ROOT, "%n### %s%n%n| %% | %s | where |%n|---:|---:|---|%n", title, unit);
    List<Map.Entry<String, Long>> entries = new ArrayList<>(m.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    for (Map.Entry<String, Long> e : entries.subList(0, Math.min(top, entries.size()))) {
      System.out.printf(Locale.ROOT, "| %.1f | %,d | `%s` |%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey());
    }
  }
}
