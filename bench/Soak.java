import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The soak driver of {@code bench/soak}: runs a Tandem primary under steady query load and a stream
 * of changes, kills it with SIGKILL at fixed intervals and restarts it on its data directory, then
 * checks that nothing acknowledged was lost and that the secondaries (BIND and Knot, started by
 * {@code bench/soak}) converged to the primary's data. Needs dnsjava on the class path (Tandem's
 * jar has it).
 *
 * <pre>
 * java -cp tandem.jar:CLASSES Soak --dns 127.0.0.1:P --api 127.0.0.1:A --token T --zone Z.
 *     --queries FILE --out DIR [--qps N] [--duration S] [--kill-every S] [--change-ms MS]
 *     [--secondary NAME=127.0.0.1:P]... -- TANDEM COMMAND...
 * </pre>
 *
 * <p>Timeline: the driver starts Tandem (the command after {@code --}, output appended to
 * DIR/tandem.log), creates nothing (bench/soak did), waits until every secondary serves the
 * primary's serial, then for {@code --duration} seconds runs three loops at once:
 *
 * <ul>
 *   <li><b>queries</b>: UDP at a fixed rate from the query file, each answer matched by ID; an
 *       answer later than 2 s, or none, is lost; an rcode other than NOERROR/NXDOMAIN is an error.
 *       Each loss and error is kept with its send time, so that losses inside a restart window (from
 *       50 ms before a kill to the restarted server's first authoritative SOA answer) are told from
 *       losses outside one.
 *   <li><b>changes</b>: one every {@code --change-ms}, alternately through the HTTP API (PUT of an
 *       RRset) and RFC 2136 UPDATE: change n adds the TXT RRset {@code s<n>}, and every 5th deletes
 *       {@code s<n-5>} instead. An acknowledged change (HTTP 200/204, UPDATE NOERROR) goes into the
 *       expected state; a refused one (connection refused, an error answer) does not; one whose
 *       outcome is unknown (a timeout after sending) makes that name ambiguous and unchecked.
 *   <li><b>kills</b>: every {@code --kill-every} seconds SIGKILL, restart at once, and the time to
 *       the first authoritative SOA answer. Tandem's RSS is sampled every 5 s.
 * </ul>
 *
 * <p>Then: wait for every secondary to serve the primary's serial (up to 120 s), AXFR the primary
 * and every secondary, and compare: every acknowledged change must be in the primary's data, and
 * every secondary's data must equal the primary's. Prints a markdown summary (also DIR/summary.md)
 * and exits 1 if any acknowledged change was lost, a query was lost outside a restart, or a
 * secondary differs.
 */
public final class Soak {
  private static final long TIMEOUT_NANOS = 2_000_000_000L;
  private static final long KILL_MARGIN_NANOS = 50_000_000L;

  private final Map<String, String> options = new HashMap<>();
  private final List<String[]> secondaries = new ArrayList<>();
  private final List<String> command = new ArrayList<>();
  private final long origin = System.nanoTime();

  private volatile Process tandem;
  private final List<long[]> restartWindows = Collections.synchronizedList(new ArrayList<>());
  private final List<String> rssSamples = Collections.synchronizedList(new ArrayList<>());

  public static void main(String[] args) throws Exception {
    Soak soak = new Soak();
    soak.parse(args);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> { // also when the driver fails: no Tandem left behind
      Process running = soak.tandem;
      if (running != null) {
        running.destroyForcibly();
      }
    }));
    System.exit(soak.run());
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        command.addAll(List.of(args).subList(i + 1, args.length));
        break;
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad argument " + args[i] + " (see the Javadoc of bench/Soak.java)");
      }
      if (args[i].equals("--secondary")) {
        secondaries.add(args[++i].split("=", 2));
      } else {
        options.put(args[i].substring(2), args[++i]);
      }
    }
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no Tandem command after --");
    }
  }

  private String option(String name, String fallback) {
    String value = options.getOrDefault(name, fallback);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  private double seconds(long nanos) {
    return (nanos - origin) / 1e9;
  }

  private static void log(String message) {
    System.err.printf(Locale.ROOT, "%tT soak: %s%n", System.currentTimeMillis(), message);
  }

  private int run() throws Exception {
    InetSocketAddress dns = address(option("dns", null));
    Name zone = Name.fromString(option("zone", null));
    Path out = Path.of(option("out", null));
    int qps = Integer.parseInt(option("qps", "20000"));
    int duration = Integer.parseInt(option("duration", "600"));
    int killEvery = Integer.parseInt(option("kill-every", "120"));
    int changeMs = Integer.parseInt(option("change-ms", "1000"));
    if (qps > 30_000) {
      throw new IllegalArgumentException("--qps at most 30000: 16-bit IDs are reused after 65,536 queries, within the 2 s timeout above that");
    }
    List<byte[]> queries = readQueries(Path.of(option("queries", null)));

    startTandem(out);
    long firstAnswer = waitForSoa(dns, zone, 120);
    log("Tandem answers (" + String.format(Locale.ROOT, "%.2f", seconds(firstAnswer)) + " s)");
    long serial = serialAt(dns, zone);
    for (String[] secondary : secondaries) {
      waitForSerial(secondary[0], address(secondary[1]), zone, serial, 180);
    }
    log("every secondary serves serial " + serial + "; soak for " + duration + " s at " + qps + " QPS");

    AtomicBoolean running = new AtomicBoolean(true);
    QueryLoad load = new QueryLoad(dns, queries, qps, running);
    Changes changes = new Changes(dns, address(option("api", null)), option("token", null), zone, changeMs, running);
    Thread loadThread = new Thread(load, "soak-queries");
    Thread changeThread = new Thread(changes, "soak-changes");
    loadThread.start();
    changeThread.start();

    long start = System.nanoTime();
    long end = start + duration * 1_000_000_000L;
    long nextKill = killEvery > 0 ? start + killEvery * 1_000_000_000L : Long.MAX_VALUE;
    long nextSample = start;
    int life = 1;
    long lifeStart = start;
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      if (now >= nextSample) {
        rssSamples.add(String.format(Locale.ROOT, "%d\t%.0f\t%.0f\t%d", life, seconds(now), (now - lifeStart) / 1e9, rssKb(tandem.pid())));
        nextSample += 5_000_000_000L;
      }
      if (now >= nextKill && nextKill < end - 10_000_000_000L) {
        long killedAt = System.nanoTime();
        tandem.destroyForcibly();
        tandem.waitFor();
        log("killed Tandem (SIGKILL) at " + String.format(Locale.ROOT, "%.1f", seconds(killedAt)) + " s; restarting");
        startTandem(out);
        long answered = waitForSoa(dns, zone, 120);
        restartWindows.add(new long[] {killedAt - KILL_MARGIN_NANOS, answered});
        log(String.format(Locale.ROOT, "restarted: first authoritative answer %.2f s after the kill", (answered - killedAt) / 1e9));
        life++;
        lifeStart = answered;
        nextKill += killEvery * 1_000_000_000L;
      }
      Thread.sleep(50);
    }
    running.set(false);
    loadThread.join();
    changeThread.join();

    long finalSerial = serialAt(dns, zone);
    log("soak over; waiting for the secondaries to serve serial " + finalSerial);
    Map<String, Double> convergence = new HashMap<>();
    long stopped = System.nanoTime();
    for (String[] secondary : secondaries) {
      boolean ok = waitForSerial(secondary[0], address(secondary[1]), zone, finalSerial, 120);
      convergence.put(secondary[0], ok ? (System.nanoTime() - stopped) / 1e9 : -1);
    }
    Set<String> primaryData = axfr(dns, zone);
    Map<String, Integer> differences = new HashMap<>();
    for (String[] secondary : secondaries) {
      Set<String> theirs = axfr(address(secondary[1]), zone);
      differences.put(secondary[0], symmetricDifference(primaryData, theirs, out.resolve("diff-" + secondary[0] + ".txt")));
    }
    int lostChanges = changes.verify(primaryData, out.resolve("lost-changes.txt"));
    long peakRss = rssKb(tandem.pid());
    tandem.destroy();
    tandem.waitFor();

    String summary = summary(qps, duration, killEvery, load, changes, lostChanges, convergence, differences, finalSerial);
    Files.writeString(out.resolve("summary.md"), summary);
    Files.write(out.resolve("rss.tsv"), rssSamples);
    System.out.print(summary);
    long lostOutside = load.lostOutside(restartWindows);
    boolean converged = convergence.values().stream().allMatch(s -> s >= 0) && differences.values().stream().allMatch(d -> d == 0);
    return lostChanges == 0 && lostOutside == 0 && load.errorsOutside(restartWindows) == 0 && converged ? 0 : 1;
  }

  // --- Tandem's process ---------------------------------------------------------------------

  private void startTandem(Path out) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("tandem.log").toFile()));
    tandem = builder.start();
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  // --- DNS helpers --------------------------------------------------------------------------

  private static List<byte[]> readQueries(Path file) throws IOException {
    List<byte[]> queries = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 2 || fields[0].startsWith(";")) {
        continue;
      }
      Message query = Message.newQuery(Record.newRecord(Name.fromString(fields[0], Name.root), Type.value(fields[1]), DClass.IN));
      query.getHeader().unsetFlag(Flags.RD);
      queries.add(query.toWire());
      if (queries.size() == 100_000) {
        break;
      }
    }
    if (queries.isEmpty()) {
      throw new IOException("no queries in " + file);
    }
    return queries;
  }

  private static SimpleResolver resolver(InetSocketAddress address, Duration timeout) {
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setTimeout(timeout);
    return resolver;
  }

  /** Polls SOA every 5 ms until an authoritative NOERROR answer holds it; returns its nanoTime. */
  private static long waitForSoa(InetSocketAddress server, Name zone, int timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    SimpleResolver resolver = resolver(server, Duration.ofMillis(100));
    Message query = Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN));
    while (System.nanoTime() < deadline) {
      try {
        Message answer = resolver.send(query);
        if (answer.getRcode() == Rcode.NOERROR && answer.getHeader().getFlag(Flags.AA) && !answer.getSection(Section.ANSWER).isEmpty()) {
          return System.nanoTime();
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException(server + " gave no authoritative SOA for " + zone + " within " + timeoutSeconds + " s");
  }

  private static long serialAt(InetSocketAddress server, Name zone) throws IOException {
    Message answer = resolver(server, Duration.ofSeconds(2)).send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
    for (Record record : answer.getSection(Section.ANSWER)) {
      if (record instanceof SOARecord soa) {
        return soa.getSerial();
      }
    }
    throw new IOException(server + " has no SOA for " + zone + ": " + Rcode.string(answer.getRcode()));
  }

  private static boolean waitForSerial(String name, InetSocketAddress server, Name zone, long serial, int timeoutSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    long seen = -1;
    while (System.nanoTime() < deadline) {
      try {
        seen = serialAt(server, zone);
        if (seen == serial) {
          return true;
        }
      } catch (IOException e) {
        // not there yet
      }
      Thread.sleep(50);
    }
    log(name + " still serves serial " + seen + ", not " + serial + ", after " + timeoutSeconds + " s");
    return false;
  }

  private static Set<String> axfr(InetSocketAddress server, Name zone) throws Exception {
    ZoneTransferIn transfer = ZoneTransferIn.newAXFR(zone, server, null);
    transfer.setTimeout(Duration.ofSeconds(60));
    transfer.run();
    Set<String> records = new TreeSet<>();
    for (Record record : transfer.getAXFR()) {
      records.add(record.toString());
    }
    return records;
  }

  private static int symmetricDifference(Set<String> ours, Set<String> theirs, Path report) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String record : ours) {
      if (!theirs.contains(record)) {
        lines.add("only at the primary: " + record);
      }
    }
    for (String record : theirs) {
      if (!ours.contains(record)) {
        lines.add("only at the secondary: " + record);
      }
    }
    Files.write(report, lines);
    return lines.size();
  }

  // --- the query loop -----------------------------------------------------------------------

  /** Open-loop UDP load at a fixed rate; IDs are sequence numbers modulo 2^16. */
  private final class QueryLoad implements Runnable {
    private final InetSocketAddress server;
    private final List<byte[]> queries;
    private final int qps;
    private final AtomicBoolean running;
    private final long[] sentAt = new long[65536];
    private final boolean[] pending = new boolean[65536];
    private final List<Long> lost = new ArrayList<>();
    private final List<Long> errors = new ArrayList<>();
    private final Map<String, Integer> errorRcodes = new HashMap<>();
    private long sent;
    private long answered;

    QueryLoad(InetSocketAddress server, List<byte[]> queries, int qps, AtomicBoolean running) {
      this.server = server;
      this.queries = queries;
      this.qps = qps;
      this.running = running;
    }

    @Override
    public void run() {
      try (DatagramChannel channel = DatagramChannel.open()) {
        channel.configureBlocking(false);
        channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        ByteBuffer receive = ByteBuffer.allocate(65535);
        long start = System.nanoTime();
        long oldest = 0;
        while (running.get() || oldest < sent) {
          long now = System.nanoTime();
          long due = running.get() ? (now - start) * qps / 1_000_000_000L : sent;
          while (sent < due) {
            byte[] wire = queries.get((int) (sent % queries.size()));
            int id = (int) (sent & 0xFFFF);
            ByteBuffer buffer = ByteBuffer.wrap(wire.clone());
            buffer.putShort(0, (short) id);
            sentAt[id] = System.nanoTime();
            pending[id] = true;
            channel.send(buffer, server);
            sent++;
          }
          for (int i = 0; i < 256; i++) {
            receive.clear();
            if (channel.receive(receive) == null) {
              break;
            }
            if (receive.position() < 4) {
              continue;
            }
            int id = receive.getShort(0) & 0xFFFF;
            if (!pending[id]) {
              continue;
            }
            pending[id] = false;
            if (System.nanoTime() - sentAt[id] > TIMEOUT_NANOS) {
              lost.add(sentAt[id]);
              continue;
            }
            answered++;
            int rcode = receive.get(3) & 0x0F;
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
              errors.add(sentAt[id]);
              errorRcodes.merge(Rcode.string(rcode), 1, Integer::sum);
            }
          }
          now = System.nanoTime();
          while (oldest < sent && now - sentAt[(int) (oldest & 0xFFFF)] > TIMEOUT_NANOS) {
            int id = (int) (oldest & 0xFFFF);
            if (pending[id]) {
              pending[id] = false;
              lost.add(sentAt[id]);
            }
            oldest++;
          }
          while (oldest < sent && !pending[(int) (oldest & 0xFFFF)]) {
            oldest++;
          }
          LockSupport.parkNanos(100_000);
        }
      } catch (IOException e) {
        throw new IllegalStateException("query loop failed", e);
      }
    }

    long lostOutside(List<long[]> windows) {
      return outside(lost, windows);
    }

    long errorsOutside(List<long[]> windows) {
      return outside(errors, windows);
    }

    private long outside(List<Long> times, List<long[]> windows) {
      long count = 0;
      for (long time : times) {
        boolean inside = false;
        for (long[] window : windows) {
          inside |= time >= window[0] && time <= window[1];
        }
        if (!inside) {
          count++;
        }
      }
      return count;
    }
  }

  // --- the change loop ----------------------------------------------------------------------

  /** One change per period, alternately through the API and UPDATE; keeps what was acknowledged. */
  private final class Changes implements Runnable {
    private final InetSocketAddress dns;
    private final String api;
    private final String token;
    private final Name zone;
    private final int periodMs;
    private final AtomicBoolean running;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Boolean> expected = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();
    private final Map<String, Integer> outcomes = new HashMap<>();
    private int attempted;

    Changes(InetSocketAddress dns, InetSocketAddress api, String token, Name zone, int periodMs, AtomicBoolean running) {
      this.dns = dns;
      this.api = "http://" + api.getHostString() + ":" + api.getPort() + "/api/v1/zones/" + zone;
      this.token = token;
      this.zone = zone;
      this.periodMs = periodMs;
      this.running = running;
    }

    @Override
    public void run() {
      long next = System.nanoTime();
      for (int n = 0; running.get(); n++) {
        boolean delete = n % 5 == 0 && n >= 5;
        String label = "s" + (delete ? n - 5 : n);
        boolean viaApi = n % 2 == 0;
        String outcome = viaApi ? api(label, n, delete) : update(label, n, delete);
        attempted++;
        outcomes.merge((viaApi ? "api " : "update ") + outcome, 1, Integer::sum);
        switch (outcome) {
          case "acknowledged" -> expected.put(label, !delete);
          case "unknown" -> ambiguous.add(label);
          default -> { }
        }
        next += periodMs * 1_000_000L;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }

    private String api(String label, int n, boolean delete) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + "/rrsets/" + label + "/TXT"))
          .timeout(Duration.ofSeconds(5))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json");
      if (delete) {
        request.DELETE();
      } else {
        request.PUT(HttpRequest.BodyPublishers.ofString("{\"ttl\": 300, \"records\": [\"\\\"soak change " + n + "\\\"\"]}"));
      }
      try {
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return status == 200 || status == 204 ? "acknowledged" : "refused (HTTP " + status + ")";
      } catch (java.net.ConnectException e) {
        return "refused (not listening)";
      } catch (IOException e) {
        return "unknown";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "unknown";
      }
    }

    private String update(String label, int n, boolean delete) {
      try {
        Update update = new Update(zone);
        Name name = Name.fromString(label, zone);
        if (delete) {
          update.delete(name, Type.TXT);
        } else {
          update.add(new TXTRecord(name, DClass.IN, 300, "soak change " + n));
        }
        Message answer = resolver(dns, Duration.ofSeconds(5)).send(update);
        return answer.getRcode() == Rcode.NOERROR ? "acknowledged" : "refused (" + Rcode.string(answer.getRcode()) + ")";
      } catch (IOException e) {
        // UDP: no answer does not tell whether the primary applied it before it died.
        return "unknown";
      }
    }

    /** The acknowledged state against the primary's AXFR; returns how many names disagree. */
    int verify(Set<String> axfr, Path report) throws IOException {
      Set<String> present = new HashSet<>();
      for (String record : axfr) {
        String owner = record.substring(0, record.indexOf('\t'));
        if (record.contains("\"soak change ")) {
          present.add(owner);
        }
      }
      List<String> lines = new ArrayList<>();
      for (Map.Entry<String, Boolean> entry : expected.entrySet()) {
        if (ambiguous.contains(entry.getKey())) {
          continue;
        }
        String owner = entry.getKey() + "." + zone;
        if (present.contains(owner) != entry.getValue()) {
          lines.add(owner + (entry.getValue() ? " acknowledged as added, missing" : " acknowledged as deleted, present"));
        }
      }
      Files.write(report, lines);
      return lines.size();
    }
  }

  // --- the report ---------------------------------------------------------------------------

  private String summary(int qps, int duration, int killEvery, QueryLoad load, Changes changes, int lostChanges,
      Map<String, Double> convergence, Map<String, Integer> differences, long finalSerial) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "## Soak: %d s at %d QPS, a change every %d ms, SIGKILL every %d s%n%n",
        duration, qps, changes.periodMs, killEvery));
    s.append("| figure | value |\n|---|---:|\n");
    row(s, "queries sent", String.format(Locale.ROOT, "%,d", load.sent));
    row(s, "queries answered", String.format(Locale.ROOT, "%,d", load.answered));
    row(s, "queries lost inside restart windows", String.format(Locale.ROOT, "%,d", load.lost.size() - load.lostOutside(restartWindows)));
    row(s, "**queries lost outside restart windows**", String.format(Locale.ROOT, "%,d", load.lostOutside(restartWindows)));
    row(s, "error answers (not NOERROR/NXDOMAIN) outside / inside restart windows",
        load.errorsOutside(restartWindows) + " / " + (load.errors.size() - load.errorsOutside(restartWindows)) + " " + load.errorRcodes);
    List<Double> restarts = new ArrayList<>();
    for (long[] window : restartWindows) {
      restarts.add((window[1] - window[0] - KILL_MARGIN_NANOS) / 1e9);
    }
    row(s, "restarts (SIGKILL → first authoritative answer, s)", restarts.size() + ": "
        + restarts.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
    row(s, "changes attempted", String.valueOf(changes.attempted));
    for (Map.Entry<String, Integer> outcome : new java.util.TreeMap<>(changes.outcomes).entrySet()) {
      row(s, "&nbsp;&nbsp;" + outcome.getKey(), String.valueOf(outcome.getValue()));
    }
    row(s, "names with an unknown outcome (not checked)", String.valueOf(changes.ambiguous.size()));
    row(s, "**acknowledged changes lost**", lostChanges + " of " + changes.expected.size() + " names checked");
    row(s, "final serial", String.valueOf(finalSerial));
    for (Map.Entry<String, Double> entry : new java.util.TreeMap<>(convergence).entrySet()) {
      row(s, entry.getKey() + ": serves the final serial (s after the load stopped)",
          entry.getValue() < 0 ? "**no**" : String.format(Locale.ROOT, "%.2f", entry.getValue()));
      row(s, "**" + entry.getKey() + ": records differing from the primary's AXFR**", String.valueOf(differences.get(entry.getKey())));
    }
    s.append(rssRows());
    return s.toString();
  }

  private static void row(StringBuilder s, String figure, String value) {
    s.append("| ").append(figure).append(" | ").append(value).append(" |\n");
  }

  /** Tandem's RSS per process life: at 30 s and at the last sample before the kill, MB. */
  private String rssRows() {
    Map<Integer, List<String[]>> lives = new java.util.TreeMap<>();
    synchronized (rssSamples) {
      for (String sample : rssSamples) {
        String[] f = sample.split("\t");
        lives.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(f);
      }
    }
    StringBuilder s = new StringBuilder();
    for (Map.Entry<Integer, List<String[]>> life : lives.entrySet()) {
      String early = "?";
      for (String[] f : life.getValue()) {
        if (Double.parseDouble(f[2]) >= 30) {
          early = mb(f[3]);
          break;
        }
      }
      String[] last = life.getValue().get(life.getValue().size() - 1);
      row(s, "Tandem RSS, life " + life.getKey() + " (MB at 30 s → at " + last[2] + " s)", early + " → " + mb(last[3]));
    }
    return s.toString();
  }

  private static String mb(String kb) {
    return String.format(Locale.ROOT, "%.0f", Long.parseLong(kb) / 1024.0);
  }
}
