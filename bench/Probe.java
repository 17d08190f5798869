import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The bench's DNS client, with no dependencies: precise timing that dig and kdig in a shell loop
 * cannot give (a process start costs milliseconds).
 *
 * <pre>
 * java bench/Probe.java soa       --server 127.0.0.1:PORT --zone Z [--serial N] [--timeout S]
 *     Polls SOA over UDP every 2 ms until an authoritative NOERROR answer with the SOA (and, with
 *     --serial, that serial or a newer one) comes back. Prints "answered_at_us=EPOCH_MICROS serial=N".
 * java bench/Probe.java axfr      --server 127.0.0.1:PORT --zone Z [--timeout S] [--tls]
 *     One AXFR over TCP (with --tls: over TLS 1.3 with ALPN dot, RFC 9103, the server's certificate
 *     not checked), read to the closing SOA and thrown away; the time includes the TLS handshake.
 *     With --repeat N, N transfers in one JVM (a warm client), the median one printed.
 *     Prints "ms=.. records=.. messages=.. bytes=..".
 * java bench/Probe.java propagate --primary H:P --secondary H:P[,H:P...] --zone Z --changes N --command 'SH {n}'
 *                                [--pause-ms 200] [--timeout S]
 *     N times: run the shell command (with {n} replaced by 1..N), then poll the primary (every
 *     ~0.2 ms) until it serves a new serial and every secondary (all asked at once, again once all
 *     have answered, after 0.2 ms per secondary still behind, at most 10 ms) until all serve that serial; then wait --pause-ms. One line per change: "change=n serial=S command_ms=..
 *     primary_polls=.. primary_ms=.. secondary_ms=.. each_ms=a,b,.." (times from the command's
 *     return; secondary_ms is the last secondary's, each_ms each one's in --secondary order); then
 *     "median_secondary_ms=..".
 * java bench/Probe.java zones     --server 127.0.0.1:PORT --list FILE [--timeout S]
 *     FILE has one zone name a line. Asks every zone's SOA over UDP, in bursts of 256 queries, again
 *     and again for those not yet answered (authoritative NOERROR with the SOA) until all are; prints
 *     "answered_at_us=EPOCH_MICROS zones=N rounds=R" when the last one answers.
 * </pre>
 */
public final class Probe {
  private static final int TYPE_SOA = 6;
  private static final int TYPE_AXFR = 252;

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      System.out.println("usage: java bench/Probe.java soa|axfr|propagate --help (see the source's header)");
      return;
    }
    Options o = new Options(Arrays.copyOfRange(args, 1, args.length));
    switch (args[0]) {
      case "soa" -> soa(o);
      case "axfr" -> axfrRepeated(o);
      case "propagate" -> propagate(o);
      case "zones" -> zones(o);
      default -> {
        System.err.println("Probe: unknown command " + args[0]);
        System.exit(2);
      }
    }
  }

  private static void soa(Options o) throws IOException {
    InetSocketAddress server = o.address("--server");
    String zone = o.get("--zone", null);
    long minSerial = Long.parseLong(o.get("--serial", "-1"));
    long deadline = System.nanoTime() + (long) (Double.parseDouble(o.get("--timeout", "600")) * 1e9);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      while (System.nanoTime() < deadline) {
        long serial = soaSerial(socket, server, zone, 2);
        if (serial >= 0 && (minSerial < 0 || serialAtLeast(serial, minSerial))) {
          long micros = nowMicros();
          System.out.println("answered_at_us=" + micros + " serial=" + serial);
          return;
        }
        sleepMillis(2);
      }
    }
    System.err.println("Probe: no answer from " + server + " for " + zone + " SOA before the timeout");
    System.exit(1);
  }

  /** TLS 1.3 over {@code plain}, ALPN dot, any certificate accepted (a benchmark, not a client to trust). */
  private static Socket tls(Socket plain, InetSocketAddress server) throws IOException {
    try {
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
      javax.net.ssl.X509TrustManager any = new javax.net.ssl.X509TrustManager() {
        public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

        public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
          return new java.security.cert.X509Certificate[0];
        }
      };
      context.init(null, new javax.net.ssl.TrustManager[] {any}, null);
      javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) context.getSocketFactory()
          .createSocket(plain, server.getHostString(), server.getPort(), true);
      javax.net.ssl.SSLParameters p = s.getSSLParameters();
      p.setApplicationProtocols(new String[] {"dot"});
      s.setSSLParameters(p);
      s.startHandshake();
      if (!"dot".equals(s.getApplicationProtocol())) {
        throw new IOException("the server did not agree to ALPN dot");
      }
      return s;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** {@code axfr}, {@code --repeat N} times in this JVM (so a TLS client is warm, as a server's would be); prints the median. */
  private static void axfrRepeated(Options o) throws IOException {
    int n = Integer.parseInt(o.get("--repeat", "1"));
    List<String> lines = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String line = axfr(o);
      lines.add(line);
      times.add(Double.parseDouble(line.substring(3, line.indexOf(' '))));
    }
    List<Double> sorted = new ArrayList<>(times);
    java.util.Collections.sort(sorted);
    System.out.println(lines.get(times.indexOf(sorted.get(n / 2))));
  }

  private static String axfr(Options o) throws IOException {
    InetSocketAddress server = o.address("--server");
    String zone = o.get("--zone", null);
    int timeoutMs = (int) (Double.parseDouble(o.get("--timeout", "300")) * 1000);
    long start = System.nanoTime();
    long records = 0;
    long bytes = 0;
    int messages = 0;
    int soas = 0;
    try (Socket plain = new Socket()) {
      plain.setReceiveBufferSize(1 << 20);
      plain.connect(server, timeoutMs);
      plain.setSoTimeout(timeoutMs);
      Socket s = o.has("--tls") ? tls(plain, server) : plain;
      byte[] query = query(zone, TYPE_AXFR, 0x4242);
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {(byte) (query.length >> 8), (byte) query.length});
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream(), 1 << 17));
      byte[] buf = new byte[65535];
      while (soas < 2) {
        int len = in.readUnsignedShort();
        in.readFully(buf, 0, len);
        messages++;
        bytes += len + 2;
        int rcode = buf[3] & 0x0f;
        if (rcode != 0) {
          throw new IOException("AXFR refused: rcode " + rcode);
        }
        int qd = u16(buf, 4);
        int an = u16(buf, 6);
        int p = 12;
        for (int i = 0; i < qd; i++) {
          p = skipName(buf, p) + 4;
        }
        for (int i = 0; i < an; i++) {
          p = skipName(buf, p);
          int type = u16(buf, p);
          int rdlength = u16(buf, p + 8);
          p += 10 + rdlength;
          records++;
          if (type == TYPE_SOA) {
            soas++;
          }
        }
      }
    } catch (EOFException e) {
      throw new IOException("connection closed before the closing SOA (" + records + " records)", e);
    }
    double ms = (System.nanoTime() - start) / 1e6;
    return String.format(Locale.ROOT, "ms=%.1f records=%d messages=%d bytes=%d", ms, records, messages, bytes);
  }

  private static void propagate(Options o) throws IOException, InterruptedException {
    InetSocketAddress primary = o.address("--primary");
    List<InetSocketAddress> secondaries = o.addresses("--secondary");
    String zone = o.get("--zone", null);
    int changes = Integer.parseInt(o.get("--changes", "20"));
    String command = o.get("--command", null);
    long timeoutNs = (long) (Double.parseDouble(o.get("--timeout", "30")) * 1e9);
    double pauseMs = Double.parseDouble(o.get("--pause-ms", "200"));
    List<Double> results = new ArrayList<>();
    // one socket for the primary's polls, one for the secondaries' (their ids must not meet)
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        DatagramSocket fan = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      fan.setReceiveBufferSize(1 << 20);
      long before = soaSerial(socket, primary, zone, 1000);
      for (InetSocketAddress secondary : secondaries) {
        if (soaSerial(socket, secondary, zone, 1000) < 0) {
          throw new IOException("the secondary " + secondary + " does not serve " + zone);
        }
      }
      for (int n = 1; n <= changes; n++) {
        long c0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", command.replace("{n}", Integer.toString(n)))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
          throw new IOException("change command failed (exit " + p.exitValue() + "): " + command);
        }
        long t0 = System.nanoTime();
        long deadline = t0 + timeoutNs;
        long serial = -1;
        long tPrimary = -1;
        int polls = 0;
        while (System.nanoTime() < deadline) {
          polls++;
          long s = soaSerial(socket, primary, zone, 50);
          if (s >= 0 && s != before) {
            serial = s;
            tPrimary = System.nanoTime();
            break;
          }
          pause(200_000);
        }
        long[] served = new long[secondaries.size()];
        int waiting = serial >= 0 ? served.length : 0;
        Arrays.fill(served, -1);
        int round = 0;
        while (waiting > 0 && System.nanoTime() < deadline) {
          // every secondary still behind is asked at once (ids: round in the high bits, index low):
          // each secondary's time is to within a round however many there are (asked one after the
          // other, 50 busy secondaries took up to 100 ms a round)
          round = (round + 1) & 0x3f;
          int asked = 0;
          for (int i = 0; i < served.length; i++) {
            if (served[i] < 0) {
              byte[] q = query(zone, TYPE_SOA, (round << 10) | i);
              fan.send(new DatagramPacket(q, q.length, secondaries.get(i)));
              asked++;
            }
          }
          // answers are read until every secondary asked has answered, or for 10 ms; the next round
          // follows after 0.2 ms per secondary still behind (so one secondary is asked about every
          // 0.2 ms, as the primary is, and 50 busy ones every 10 ms)
          long until = System.nanoTime() + 10_000_000L;
          int answered = 0;
          while (answered < asked && System.nanoTime() < until) {
            long answer = receiveSerialAnswer(fan, round, until);
            if (answer == -1) {
              break;
            }
            int i = (int) (answer >>> 32);
            if (answer >= 0 && i < served.length) {
              answered++;
              if (served[i] < 0 && serialAtLeast(answer & 0xffffffffL, serial)) {
                served[i] = System.nanoTime();
                waiting--;
              }
            }
          }
          if (waiting > 0) {
            pause(Math.min(10_000_000L, 200_000L * waiting));
          }
        }
        if (serial < 0 || waiting > 0) {
          System.out.printf(Locale.ROOT, "change=%d serial=%d result=timeout%n", n, serial);
          System.exit(1);
        }
        StringBuilder each = new StringBuilder();
        long last = t0;
        for (long t : served) {
          each.append(each.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", (t - t0) / 1e6));
          last = Math.max(last, t);
        }
        double ms = (last - t0) / 1e6;
        results.add(ms);
        System.out.printf(Locale.ROOT, "change=%d serial=%d command_ms=%.2f primary_polls=%d primary_ms=%.2f secondary_ms=%.2f each_ms=%s%n", n,
            serial, (t0 - c0) / 1e6, polls, (tPrimary - t0) / 1e6, ms, each);
        before = serial;
        sleepMillis((long) pauseMs);
      }
    }
    List<Double> sorted = new ArrayList<>(results);
    sorted.sort(null);
    int m = sorted.size();
    double median = m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2;
    System.out.printf(Locale.ROOT, "median_secondary_ms=%.2f max_secondary_ms=%.2f%n", median, sorted.get(m - 1));
  }

  private static void zones(Options o) throws IOException {
    InetSocketAddress server = o.address("--server");
    List<String> pending = new ArrayList<>(java.nio.file.Files.readAllLines(java.nio.file.Path.of(o.get("--list", null))));
    pending.removeIf(String::isBlank);
    int total = pending.size();
    long deadline = System.nanoTime() + (long) (Double.parseDouble(o.get("--timeout", "600")) * 1e9);
    int rounds = 0;
    byte[] buf = new byte[4096];
    DatagramPacket r = new DatagramPacket(buf, buf.length);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      socket.setReceiveBufferSize(1 << 20);
      while (!pending.isEmpty()) {
        if (System.nanoTime() > deadline) {
          System.err.println("Probe: " + pending.size() + " of " + total + " zones unanswered before the timeout, e.g. " + pending.get(0));
          System.exit(1);
        }
        rounds++;
        List<String> left = new ArrayList<>();
        for (int from = 0; from < pending.size(); from += 256) {
          List<String> burst = pending.subList(from, Math.min(pending.size(), from + 256));
          int base = (rounds * 256 + from) & 0xff00;
          boolean[] answered = new boolean[burst.size()];
          for (int i = 0; i < burst.size(); i++) {
            byte[] q = query(burst.get(i), TYPE_SOA, base | i);
            socket.send(new DatagramPacket(q, q.length, server));
          }
          int got = 0;
          long until = System.nanoTime() + 50_000_000L;
          while (got < burst.size() && System.nanoTime() < until) {
            socket.setSoTimeout((int) Math.max(1, (until - System.nanoTime()) / 1_000_000L));
            try {
              socket.receive(r);
            } catch (SocketTimeoutException e) {
              break;
            }
            int id = u16(buf, 0);
            if (r.getLength() < 12 || (id & 0xff00) != base || (id & 0xff) >= burst.size() || answered[id & 0xff]) {
              continue;
            }
            answered[id & 0xff] = true;
            got++;
            boolean ok = (buf[2] & 0x04) != 0 && (buf[3] & 0x0f) == 0 && u16(buf, 6) > 0
                && u16(buf, skipName(buf, skipName(buf, 12) + 4)) == TYPE_SOA;
            if (!ok) {
              answered[id & 0xff] = false; // asked again next round
            }
          }
          for (int i = 0; i < burst.size(); i++) {
            if (!answered[i]) {
              left.add(burst.get(i));
            }
          }
        }
        pending = left;
        if (!pending.isEmpty()) {
          sleepMillis(20);
        }
      }
    }
    System.out.println("answered_at_us=" + nowMicros() + " zones=" + total + " rounds=" + rounds);
  }

  /**
   * Reads one answer to a query of {@code round}: the index it was sent with in the high 32 bits,
   * its SOA serial in the low 32; -2 for a datagram that is not such an answer, -1 when time is up.
   */
  private static long receiveSerialAnswer(DatagramSocket socket, int round, long until) throws IOException {
    byte[] buf = new byte[4096];
    DatagramPacket r = new DatagramPacket(buf, buf.length);
    long left = (until - System.nanoTime()) / 1_000_000L;
    socket.setSoTimeout((int) Math.max(1, left));
    try {
      socket.receive(r);
    } catch (SocketTimeoutException e) {
      return -1;
    }
    int id = u16(buf, 0);
    if (r.getLength() < 12 || (id >> 10) != round || (buf[2] & 0x04) == 0 || (buf[3] & 0x0f) != 0 || u16(buf, 6) == 0) {
      return -2;
    }
    int p = skipName(buf, skipName(buf, 12) + 4);
    if (u16(buf, p) != TYPE_SOA) {
      return -2;
    }
    p += 10;
    p = skipName(buf, p);
    p = skipName(buf, p);
    long serial = ((buf[p] & 0xffL) << 24) | ((buf[p + 1] & 0xffL) << 16) | ((buf[p + 2] & 0xffL) << 8) | (buf[p + 3] & 0xffL);
    return ((long) (id & 0x3ff) << 32) | serial;
  }

  /** One SOA query over UDP; the serial of an authoritative NOERROR answer, else -1. */
  private static long soaSerial(DatagramSocket socket, InetSocketAddress server, String zone, int timeoutMs) throws IOException {
    int id = (int) (System.nanoTime() & 0xffff);
    byte[] q = query(zone, TYPE_SOA, id);
    socket.send(new DatagramPacket(q, q.length, server));
    byte[] buf = new byte[4096];
    DatagramPacket r = new DatagramPacket(buf, buf.length);
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return -1;
      }
      socket.setSoTimeout((int) Math.max(1, left));
      try {
        socket.receive(r);
      } catch (SocketTimeoutException e) {
        return -1;
      }
      if (r.getLength() < 12 || u16(buf, 0) != id) {
        continue; // a late answer to an earlier query
      }
      boolean aa = (buf[2] & 0x04) != 0;
      int rcode = buf[3] & 0x0f;
      if (!aa || rcode != 0 || u16(buf, 6) == 0) {
        return -1;
      }
      int p = skipName(buf, 12) + 4;
      p = skipName(buf, p);
      if (u16(buf, p) != TYPE_SOA) {
        return -1;
      }
      p += 10;
      p = skipName(buf, p);
      p = skipName(buf, p);
      return ((buf[p] & 0xffL) << 24) | ((buf[p + 1] & 0xffL) << 16) | ((buf[p + 2] & 0xffL) << 8) | (buf[p + 3] & 0xffL);
    }
  }

  private static byte[] query(String zone, int type, int id) {
    byte[] out = new byte[512];
    out[0] = (byte) (id >> 8);
    out[1] = (byte) id;
    out[5] = 1; // QDCOUNT
    int p = 12;
    for (String label : zone.split("\\.")) {
      if (label.isEmpty()) {
        continue;
      }
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      out[p++] = (byte) l.length;
      System.arraycopy(l, 0, out, p, l.length);
      p += l.length;
    }
    out[p++] = 0;
    out[p++] = (byte) (type >> 8);
    out[p++] = (byte) type;
    out[p++] = 0;
    out[p++] = 1; // IN
    return Arrays.copyOf(out, p);
  }

  private static int skipName(byte[] b, int p) {
    while (true) {
      int len = b[p] & 0xff;
      if (len == 0) {
        return p + 1;
      }
      if ((len & 0xc0) == 0xc0) {
        return p + 2;
      }
      p += len + 1;
    }
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }

  /** RFC 1982: {@code s} is {@code min} or newer. */
  private static boolean serialAtLeast(long s, long min) {
    return s == min || ((s - min) & 0xffffffffL) < 0x80000000L;
  }

  private static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /** Waits about {@code nanos} without burning a core (the machine is shared with the servers). */
  private static void pause(long nanos) {
    java.util.concurrent.locks.LockSupport.parkNanos(nanos);
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Options {
    private final String[] args;

    Options(String[] args) {
      this.args = args;
    }

    boolean has(String name) {
      return Arrays.asList(args).contains(name);
    }

    String get(String name, String fallback) {
      for (int i = 0; i + 1 < args.length; i++) {
        if (args[i].equals(name)) {
          return args[i + 1];
        }
      }
      if (fallback == null) {
        System.err.println("Probe: " + name + " is required");
        System.exit(2);
      }
      return fallback;
    }

    List<InetSocketAddress> addresses(String name) {
      List<InetSocketAddress> out = new ArrayList<>();
      for (String v : get(name, null).split(",")) {
        int colon = v.lastIndexOf(':');
        out.add(new InetSocketAddress(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1))));
      }
      return out;
    }

    InetSocketAddress address(String name) {
      String v = get(name, null);
      int colon = v.lastIndexOf(':');
      return new InetSocketAddress(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
    }
  }
}
