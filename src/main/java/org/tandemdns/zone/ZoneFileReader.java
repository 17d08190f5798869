package org.tandemdns.zone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Generator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Tokenizer;
import org.xbill.DNS.Type;

/**
 * Reads master files (RFC 1035 §5): {@code $ORIGIN}, {@code $TTL} (RFC 2308 §4), {@code $INCLUDE},
 * {@code $GENERATE}, relative names, owner/TTL/class inheritance, every type dnsjava knows and
 * unknown types in RFC 3597 §5 form. Every record is handed to a sink with its file and line, and
 * every error names the file and line.
 */
public final class ZoneFileReader {

  /** Receives each record read, with where it was read. */
  @FunctionalInterface
  public interface RecordSink {
    void accept(Record record, SourceLocation where) throws ZoneFileException;
  }

  private static final int MAX_INCLUDE_DEPTH = 8;
  private static final long MAX_GENERATED_PER_DIRECTIVE = 1_000_000;
  private static final Pattern TOKENIZER_PREFIX = Pattern.compile("^<none>:\\d+: ");

  /** Records that {@code $GENERATE} may make in all, in text from the network. */
  public static final long MAX_GENERATED_UNTRUSTED = 100_000;
  /** Records in all, in text from the network. */
  public static final long MAX_RECORDS_UNTRUSTED = 1_000_000;

  private final boolean includesAllowed;
  private final java.util.function.BiConsumer<Path, byte[]> filesOpened;
  private final long maxGenerated;
  private final long maxRecords;
  private final java.util.function.Consumer<ZoneFileException> lineErrors;
  private long generated;
  private long records;

  private ZoneFileReader(boolean includesAllowed, java.util.function.BiConsumer<Path, byte[]> filesOpened, long maxGenerated,
      long maxRecords) {
    this(includesAllowed, filesOpened, maxGenerated, maxRecords, null);
  }

  private ZoneFileReader(boolean includesAllowed, java.util.function.BiConsumer<Path, byte[]> filesOpened, long maxGenerated,
      long maxRecords, java.util.function.Consumer<ZoneFileException> lineErrors) {
    this.lineErrors = lineErrors;
    this.includesAllowed = includesAllowed;
    this.filesOpened = filesOpened;
    this.maxGenerated = maxGenerated;
    this.maxRecords = maxRecords;
  }

  /** A reader for operator-provided files: {@code $INCLUDE} is honoured. */
  public static ZoneFileReader forFiles() {
    return new ZoneFileReader(true, (p, b) -> {}, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * A reader for operator-provided files that hands over every file it reads (the zone file, then
   * includes) with exactly the bytes it parsed, so a fingerprint of them matches what was loaded
   * even if the file is replaced meanwhile.
   */
  public static ZoneFileReader forFiles(java.util.function.BiConsumer<Path, byte[]> filesRead) {
    return new ZoneFileReader(true, filesRead, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * A reader for operator-provided files that goes on after a line it cannot read, handing each
   * such error to {@code lineErrors}, so that one run finds them all ({@code tandem check-zone}).
   * What cannot be recovered from (unbalanced parentheses, an unreadable file) still ends the read.
   */
  public static ZoneFileReader forChecking(java.util.function.Consumer<ZoneFileException> lineErrors) {
    return new ZoneFileReader(true, (p, b) -> {}, Long.MAX_VALUE, Long.MAX_VALUE, java.util.Objects.requireNonNull(lineErrors));
  }

  /**
   * A reader for text from the network (API uploads): {@code $INCLUDE} is an error,
   * {@code $GENERATE} makes at most {@link #MAX_GENERATED_UNTRUSTED} records in all per text (130 bytes
   * of directives made a million) and a text at most {@link #MAX_RECORDS_UNTRUSTED}.
   */
  public static ZoneFileReader forUntrustedText() {
    return new ZoneFileReader(false, (p, b) -> {}, MAX_GENERATED_UNTRUSTED, MAX_RECORDS_UNTRUSTED);
  }

  /** Reads {@code file}; relative names are relative to {@code origin}. */
  public void read(Path file, Name origin, RecordSink sink) throws IOException, ZoneFileException {
    generated = 0;
    records = 0;
    new FileState(file, file.toString(), origin, -1, 0, sink).readFile();
  }

  /** Reads master-file text from {@code text}, naming it {@code sourceName} in errors. */
  public void read(Reader text, String sourceName, Name origin, RecordSink sink)
      throws IOException, ZoneFileException {
    generated = 0;
    records = 0;
    new FileState(null, sourceName, origin, -1, 0, sink).readFrom(new BufferedReader(text));
  }

  /** Parsing state of one file; an {@code $INCLUDE} gets its own. */
  private final class FileState {
    private final Path path;
    private final String source;
    private final int depth;
    private final RecordSink sink;
    private Name origin;
    private long defaultTtl;
    private long lastTtl = -1;
    private Name lastOwner;
    private SourceLocation here;

    FileState(Path path, String source, Name origin, long defaultTtl, int depth, RecordSink sink) {
      this.path = path;
      this.source = source;
      this.origin = origin;
      this.defaultTtl = defaultTtl;
      this.depth = depth;
      this.sink = sink;
    }

    void readFile() throws IOException, ZoneFileException {
      byte[] bytes = Files.readAllBytes(path);
      filesOpened.accept(path, bytes);
      // a small file is decoded at once and read through a buffer its size: 100,000 small zone
      // files must not cost a 128 KiB buffer and a decoder's 8 KiB each; a big one is decoded as read
      java.io.Reader decoded = bytes.length <= 1 << 16 ? new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8))
          : new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
      try (BufferedReader in = new BufferedReader(decoded, Math.max(256, Math.min(1 << 16, bytes.length)))) {
        readFrom(in);
      }
    }

    void readFrom(BufferedReader in) throws IOException, ZoneFileException {
      MasterFileLines lines = new MasterFileLines(in, source);
      MasterFileLines.LogicalLine line;
      while ((line = lines.next()) != null) {
        here = new SourceLocation(source, line.line());
        try {
          readLine(line);
        } catch (TextParseException | IllegalArgumentException e) {
          failed(error(cleaned(e.getMessage())));
        } catch (ZoneFileException e) {
          failed(e);
        }
      }
    }

    /** Ends the read, or when checking, notes the error and goes on with the next line. */
    private void failed(ZoneFileException e) throws ZoneFileException {
      if (lineErrors == null) {
        throw e;
      }
      lineErrors.accept(e);
    }

    private void readLine(MasterFileLines.LogicalLine line) throws IOException, ZoneFileException {
      String text = DomainNames.asciiText(line.text(), "the line");
      if (text.indexOf('\\') < 0 && !(text.charAt(0) == '$')) {
        Record fast = quick(text, line.inheritsOwner());
        if (fast != null) {
          lastTtl = fast.getTTL();
          lastOwner = fast.getName();
          accept(fast);
          return;
        }
      }
      Tokenizer st = tokenizer(text);
      Name owner;
      if (line.inheritsOwner()) {
        if (lastOwner == null) {
          throw error("record has no owner (the line starts with blank space and no record precedes it)");
        }
        owner = lastOwner;
      } else {
        String first = st.getString();
        if (first.startsWith("$")) {
          directive(first, st);
          return;
        }
        owner = name(first);
      }
      readRecord(owner, st);
    }

    /**
     * The common line read without dnsjava's tokenizer: owner (reused when its text repeats), TTL
     * and class in either order, type, then the RDATA (built directly for simple types). Null when
     * the line needs the full path (a missing TTL, an unknown type, an odd shape, any doubt).
     */
    private Record quick(String text, boolean inherits) throws IOException, ZoneFileException {
      String[] head = new String[4];
      int[] restAt = {0};
      int n = splitHead(text, head, restAt, inherits ? 0 : 1);
      int i = 0;
      Name owner;
      if (inherits) {
        if (lastOwner == null) {
          return null;
        }
        owner = lastOwner;
      } else {
        if (n == 0) {
          return null;
        }
        owner = ownerNamed(head[i++]);
      }
      long ttl = -1;
      boolean sawClass = false;
      for (int k = 0; k < 2 && i < n - 1; k++) {
        String t = head[i];
        if (!sawClass && (t.equalsIgnoreCase("IN"))) {
          sawClass = true;
          i++;
        } else if (ttl < 0 && Character.isDigit(t.charAt(0))) {
          ttl = parseTtl(t);
          i++;
        } else {
          break;
        }
      }
      if (i >= n) {
        return null;
      }
      int type = typeValue(head[i]);
      if (type < 0 || i != n - 1) {
        return null;
      }
      long effective = ttl >= 0 ? ttl : defaultTtl >= 0 ? defaultTtl : lastTtl;
      if (effective < 0) {
        return null;
      }
      String rest = text.substring(restAt[0]);
      Record r = SimpleRdata.parse(owner, type, effective, rest, origin);
      if (r == null) {
        r = Record.fromString(owner, type, DClass.IN, effective, tokenizer(rest), origin);
      }
      return r;
    }

    private String lastOwnerText;
    private Name lastOwnerName;

    /** The owner name; the same Name object again when the text repeats (common in big zones). */
    private Name ownerNamed(String text) throws ZoneFileException {
      if (text.equals(lastOwnerText) && lastOwnerName != null) {
        return lastOwnerName;
      }
      Name n = name(text);
      lastOwnerText = text;
      lastOwnerName = n;
      return n;
    }

    private void readRecord(Name owner, Tokenizer st) throws IOException, ZoneFileException {
      TtlClassType head = ttlClassType(st);
      long ttl = head.ttl >= 0 ? head.ttl : defaultTtl >= 0 ? defaultTtl : lastTtl;
      if (ttl < 0 && head.type != Type.SOA) {
        throw error("no TTL for this record: give it one or add a $TTL line (RFC 2308 §4)");
      }
      Record record = Record.fromString(owner, head.type, DClass.IN, Math.max(ttl, 0), st, origin);
      if (ttl < 0) {
        long minimum = ((SOARecord) record).getMinimum();
        record = Record.fromString(owner, head.type, DClass.IN, minimum, record.rdataToString(), origin);
        ttl = minimum;
      }
      lastTtl = ttl;
      lastOwner = record.getName();
      accept(record);
    }

    private record TtlClassType(long ttl, int type) {}

    /** Parses "[ttl] [class] type" in either order (RFC 1035 §5.1). */
    private TtlClassType ttlClassType(Tokenizer st) throws IOException, ZoneFileException {
      long ttl = -1;
      int dclass = -1;
      String s = st.getString();
      for (int i = 0; i < 2; i++) {
        if (dclass < 0 && DClass.value(s) >= 0) {
          dclass = DClass.value(s);
        } else if (ttl < 0 && !s.isEmpty() && Character.isDigit(s.charAt(0))) {
          ttl = parseTtl(s);
        } else {
          break;
        }
        s = st.getString();
      }
      if (dclass >= 0 && dclass != DClass.IN) {
        throw error("class " + DClass.string(dclass) + " is not served; only IN zones are supported");
      }
      int type = Type.value(s);
      if (type < 0) {
        throw error("unknown record type '" + s + "' (write unknown types as TYPEnnn with \\# RDATA, RFC 3597)");
      }
      return new TtlClassType(ttl, type);
    }

    private void directive(String name, Tokenizer st) throws IOException, ZoneFileException {
      switch (name.toUpperCase(java.util.Locale.ROOT)) {
        case "$ORIGIN" -> {
          origin = name(st.getString());
          st.getEOL();
        }
        case "$TTL" -> {
          defaultTtl = parseTtl(st.getString());
          st.getEOL();
        }
        case "$INCLUDE" -> include(st);
        case "$GENERATE" -> generate(st);
        default -> throw error("unknown directive " + name);
      }
    }

    private void include(Tokenizer st) throws IOException, ZoneFileException {
      if (!includesAllowed) {
        throw error("$INCLUDE is not allowed here");
      }
      if (depth >= MAX_INCLUDE_DEPTH) {
        throw error("$INCLUDE nested more than " + MAX_INCLUDE_DEPTH + " deep (a loop?)");
      }
      String file = st.getString();
      Tokenizer.Token next = st.get();
      Name includeOrigin = origin;
      if (next.isString()) {
        includeOrigin = name(next.value());
        st.getEOL();
      }
      Path target = Path.of(file);
      if (!target.isAbsolute() && path != null) {
        target = path.toAbsolutePath().getParent().resolve(target);
      }
      FileState nested = new FileState(target, target.toString(), includeOrigin, defaultTtl, depth + 1, sink);
      try {
        nested.readFile();
      } catch (NoSuchFileException e) {
        throw error("$INCLUDE file " + target + " does not exist");
      }
    }

    private void accept(Record r) throws ZoneFileException {
      if (++records > maxRecords) {
        throw error("more than " + maxRecords + " records; an uploaded zone holds at most that many (load a bigger one"
            + " from a file)");
      }
      sink.accept(r, here);
    }

    /** BIND's $GENERATE (start-stop[/step] lhs [ttl] [class] type rhs). */
    private void generate(Tokenizer st) throws IOException, ZoneFileException {
      String range = st.getIdentifier();
      String[] parts = range.split("[-/]");
      if (parts.length < 2 || parts.length > 3) {
        throw error("bad $GENERATE range '" + range + "' (want start-stop[/step])");
      }
      long start = Long.parseLong(parts[0]);
      long stop = Long.parseLong(parts[1]);
      long step = parts.length == 3 ? Long.parseLong(parts[2]) : 1;
      if (start < 0 || stop < start || step <= 0 || (stop - start) / step >= MAX_GENERATED_PER_DIRECTIVE) {
        throw error("bad $GENERATE range '" + range + "'");
      }
      String lhs = st.getIdentifier();
      TtlClassType head = ttlClassType(st);
      if (!Generator.supportedType(head.type)) {
        throw error("$GENERATE does not support " + Type.string(head.type));
      }
      String rhs = st.getIdentifier();
      st.getEOL();
      long ttl = head.ttl >= 0 ? head.ttl : defaultTtl >= 0 ? defaultTtl : lastTtl;
      if (ttl < 0) {
        throw error("no TTL for $GENERATE: give it one or add a $TTL line");
      }
      long count = (stop - start) / step + 1;
      if (generated + count > maxGenerated) {
        throw error("$GENERATE would make " + (generated + count) + " records in all; at most " + maxGenerated
            + " are generated in an uploaded zone (give the records, or load the zone from a file)");
      }
      generated += count;
      Generator generator = new Generator(start, stop, step, lhs, head.type, DClass.IN, ttl, rhs, origin);
      Record r;
      while ((r = generator.nextRecord()) != null) {
        accept(r);
      }
    }

    private long parseTtl(String s) throws ZoneFileException {
      try {
        return TTL.parseTTL(s);
      } catch (NumberFormatException e) {
        throw error("bad TTL '" + s + "'");
      }
    }

    private Name name(String s) throws ZoneFileException {
      try {
        return Name.fromString(s, origin);
      } catch (TextParseException e) {
        throw error("bad name '" + s + "': " + e.getMessage());
      }
    }

    private ZoneFileException error(String message) {
      return new ZoneFileException(here == null ? new SourceLocation(source, 1) : here, message);
    }
  }

  /**
   * Splits the head of a record line: up to four whitespace-separated tokens (owner or blank, TTL,
   * class, type) in {@code head}; {@code restAt[0]} gets where the RDATA starts. Returns how many
   * tokens were taken: it stops after the first token at or after {@code firstTypeAt} that is a
   * known type.
   */
  static int splitHead(String text, String[] head, int[] restAt, int firstTypeAt) {
    int n = 0;
    int p = 0;
    int len = text.length();
    while (n < head.length) {
      while (p < len && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
        p++;
      }
      int start = p;
      while (p < len && text.charAt(p) != ' ' && text.charAt(p) != '\t') {
        p++;
      }
      if (start == p) {
        break;
      }
      String token = text.substring(start, p);
      head[n++] = token;
      if (n > firstTypeAt && typeValue(token) >= 0 && !Character.isDigit(token.charAt(0))) {
        break;
      }
    }
    restAt[0] = p;
    return n;
  }

  /**
   * {@link Type#value(String)}, with the class IN and the commonest types told apart without
   * dnsjava's upper-casing map lookup (three per line of a big zone otherwise).
   */
  static int typeValue(String s) {
    int t = switch (s.length()) {
      case 1 -> is(s, "A") ? Type.A : 0;
      case 2 -> is(s, "IN") ? -1 : is(s, "NS") ? Type.NS : is(s, "MX") ? Type.MX : 0;
      case 3 -> is(s, "TXT") ? Type.TXT : is(s, "SRV") ? Type.SRV : is(s, "PTR") ? Type.PTR : 0;
      case 4 -> is(s, "AAAA") ? Type.AAAA : 0;
      case 5 -> is(s, "CNAME") ? Type.CNAME : 0;
      default -> 0;
    };
    return t != 0 ? t : Type.value(s);
  }

  /** {@code s} equals {@code upper} (capital letters) ignoring ASCII case; same lengths only. */
  private static boolean is(String s, String upper) {
    for (int i = 0; i < upper.length(); i++) {
      if ((s.charAt(i) & ~0x20) != upper.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String cleaned(String message) {
    return message == null ? "syntax error" : TOKENIZER_PREFIX.matcher(message).replaceFirst("");
  }

  /**
   * dnsjava's tokenizer over one line of ASCII text, with a buffer the size of the line (its String
   * constructor wraps the text in an 8 KiB buffer, which for a zone of short lines was most of what
   * reading it allocated).
   */
  private static Tokenizer tokenizer(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return new Tokenizer(new java.io.BufferedInputStream(new java.io.ByteArrayInputStream(b), Math.max(16, b.length)));
  }
}
