import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the benchmark zone and its query mix; deterministic for a given seed.
 *
 * <pre>
 * java bench/GenZone.java --origin bench.test. --records 1000000 --queries 200000 --out DIR
 * </pre>
 *
 * <p>Files written in DIR: {@code zone.db} (RFC 1035 master file that Tandem, Knot, NSD and BIND all
 * read), {@code queries.txt} (dnsperf input, one "NAME TYPE" per line) and {@code zone.info}
 * (key=value: records, hosts, delegations, origin, serial, and the query mix actually written).
 *
 * <p>The zone: an apex (SOA, 2 NS, MX, in-zone name server addresses), a wildcard {@code *.wild}
 * (A and AAAA), and hosts {@code h<i>} added until the record count reaches the target. Every host
 * has A and AAAA; every even host a TXT; every 5th an MX to itself; every odd host an alias {@code
 * w<i>} CNAME {@code h<i>}; every 25th a delegation {@code d<i>} with two NS and in-domain glue
 * (A for ns1.d<i> and ns2.d<i>). That is about 3.36 records per host.
 *
 * <p>The query mix (per cent): 70 A of an existing host, 9 AAAA, 1 MX (answer plus additional A and
 * AAAA), 7 NXDOMAIN, 5 A of an alias (CNAME followed inside the zone), 4 referrals (a name below a
 * delegation: NS in authority plus glue), 4 wildcard hits. Names are drawn uniformly at random.
 */
public final class GenZone {
  private static final String USAGE = """
      usage: java bench/GenZone.java [--origin NAME.] [--records N] [--queries N] [--seed N] [--serial N] --out DIR
        --origin   zone origin, with the final dot (default bench.test.)
        --records  approximate number of records to write, at least 20 (default 1000000)
        --queries  lines of dnsperf input to write (default 200000)
        --seed     random seed of the query mix (default 1)
        --serial   SOA serial (default 1)
        --out      directory for zone.db, queries.txt, zone.info (created if missing)
      """;

  public static void main(String[] args) throws IOException {
    String origin = "bench.test.";
    long records = 1_000_000;
    long queries = 200_000;
    long seed = 1;
    long serial = 1;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.print(USAGE);
        return;
      }
      if (i + 1 >= args.length) {
        fail("missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--origin" -> origin = v.endsWith(".") ? v : v + ".";
        case "--records" -> records = Long.parseLong(v);
        case "--queries" -> queries = Long.parseLong(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--serial" -> serial = Long.parseLong(v);
        case "--out" -> out = Path.of(v);
        default -> fail("unknown option " + a);
      }
    }
    if (out == null) {
      fail("--out DIR is required");
    }
    if (records < 20) {
      fail("--records must be at least 20");
    }
    Files.createDirectories(out);
    ZoneShape shape = writeZone(out.resolve("zone.db"), origin, records, serial);
    int[] mix = writeQueries(out.resolve("queries.txt"), origin, shape.hosts, queries, seed);
    String info = String.format(Locale.ROOT,
        "origin=%s%nserial=%d%nrecords=%d%nhosts=%d%ndelegations=%d%nqueries=%d%n"
            + "mix_a=%d%nmix_aaaa=%d%nmix_mx=%d%nmix_nxdomain=%d%nmix_cname=%d%nmix_referral=%d%nmix_wildcard=%d%n",
        origin, serial, shape.records, shape.hosts, shape.delegations, queries,
        mix[0], mix[1], mix[2], mix[3], mix[4], mix[5], mix[6]);
    Files.writeString(out.resolve("zone.info"), info);
    System.out.print(info);
  }

  private record ZoneShape(long records, long hosts, long delegations) {}

  private static ZoneShape writeZone(Path file, String origin, long target, long serial) throws IOException {
    long records = 0;
    long hosts = 0;
    long delegations = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      w.write("$ORIGIN " + origin + "\n$TTL 3600\n");
      // Keep the SOA on one line with the serial as its 7th field: bench/lib scripts edit it with awk.
      w.write("@ IN SOA ns1 hostmaster " + serial + " 3600 900 1209600 300\n");
      w.write("@ IN NS ns1\n@ IN NS ns2\n@ IN MX 10 mail\n");
      // Documentation addresses (RFC 5737); the bench configures no server to send NOTIFY to them.
      w.write("ns1 IN A 198.51.100.1\nns2 IN A 198.51.100.2\nmail IN A 198.51.100.25\n");
      w.write("*.wild IN A 198.51.100.80\n*.wild IN AAAA 2001:db8::80\n");
      records += 9;
      StringBuilder line = new StringBuilder(256);
      while (records < target) {
        long i = hosts++;
        line.setLength(0);
        String h = "h" + i;
        line.append(h).append(" IN A 10.").append((i >> 16) & 0xff).append('.').append((i >> 8) & 0xff).append('.')
            .append(i & 0xff).append('\n');
        line.append(h).append(" IN AAAA 2001:db8:").append(Long.toHexString((i >> 16) & 0xffff)).append("::")
            .append(Long.toHexString(i & 0xffff)).append('\n');
        records += 2;
        if (i % 2 == 0) {
          line.append(h).append(" IN TXT \"v=bench host ").append(i).append("\"\n");
          records++;
        } else {
          line.append('w').append(i).append(" IN CNAME ").append(h).append('\n');
          records++;
        }
        if (i % 5 == 0) {
          line.append(h).append(" IN MX 10 ").append(h).append('\n');
          records++;
        }
        if (i % 25 == 0) {
          String d = "d" + i;
          line.append(d).append(" IN NS ns1.").append(d).append('\n');
          line.append(d).append(" IN NS ns2.").append(d).append('\n');
          line.append("ns1.").append(d).append(" IN A 198.18.").append((i >> 8) & 0xff).append('.').append(i & 0xff).append('\n');
          line.append("ns2.").append(d).append(" IN A 198.19.").append((i >> 8) & 0xff).append('.').append(i & 0xff).append('\n');
          records += 4;
          delegations++;
        }
        w.write(line.toString());
      }
    }
    return new ZoneShape(records, hosts, delegations);
  }

  private static int[] writeQueries(Path file, String origin, long hosts, long count, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int[] mix = new int[7];
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (long q = 0; q < count; q++) {
        int p = random.nextInt(100);
        long i = random.nextLong(hosts);
        String line;
        if (p < 70) {
          line = "h" + i + "." + origin + " A";
          mix[0]++;
        } else if (p < 79) {
          line = "h" + i + "." + origin + " AAAA";
          mix[1]++;
        } else if (p < 80) {
          line = "h" + (i - i % 5) + "." + origin + " MX";
          mix[2]++;
        } else if (p < 87) {
          line = "nx" + random.nextLong(1_000_000_000L) + "." + origin + " A";
          mix[3]++;
        } else if (p < 92) {
          long odd = (i | 1) < hosts ? (i | 1) : (i | 1) - 2; // odd hosts have an alias
          line = "w" + odd + "." + origin + " A";
          mix[4]++;
        } else if (p < 96) {
          line = "www.d" + (i - i % 25) + "." + origin + " A";
          mix[5]++;
        } else {
          line = "r" + random.nextLong(1_000_000_000L) + ".wild." + origin + " A";
          mix[6]++;
        }
        w.write(line);
        w.write('\n');
      }
    }
    return mix;
  }

  private static void fail(String message) {
    System.err.println("GenZone: " + message);
    System.err.print(USAGE);
    System.exit(2);
  }
}
