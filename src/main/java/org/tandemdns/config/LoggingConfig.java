package org.tandemdns.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code logging:} section: where log lines go and in which form.
 *
 * @param level the level of everything not named in {@code levels} (default {@code info}; the
 *     {@code TANDEM_LOG_LEVEL} environment variable still wins when set)
 * @param levels a level per logger or package ({@code org.tandemdns.xfr: debug}; the structured
 *     lines are the loggers {@code transfer}, {@code notify}, {@code update})
 * @param format {@code text} (one line per event, the default) or {@code json} (one object per line,
 *     with the {@code key=value} fields of the structured lines as JSON fields)
 * @param file a file to write instead of stderr, rotated at {@code maxFileSize}, {@code maxFiles} kept
 * @param maxFileSize rotation size, e.g. {@code 100MB} (default)
 * @param maxFiles rotated files kept besides the current one (default 10)
 * @param syslog {@code HOST[:PORT]} of a syslog server (UDP, RFC 3164, facility daemon) to send to as well
 */
public record LoggingConfig(String level, Map<String, String> levels, String format, Path file, String maxFileSize, Integer maxFiles,
    String syslog) {

  /** The levels logback knows. */
  private static final java.util.Set<String> LEVELS = java.util.Set.of("trace", "debug", "info", "warn", "error", "off");

  public LoggingConfig {
    level = checkLevel(level == null ? "info" : level, "level");
    levels = levels == null ? Map.of() : new TreeMap<>(levels);
    levels.forEach((logger, l) -> checkLevel(l, "levels." + logger));
    levels = Map.copyOf(levels);
    format = format == null ? "text" : format.toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("format: '" + format + "' is not a log format (known: text, json)");
    }
    maxFileSize = maxFileSize == null ? "100MB" : maxFileSize;
    if (!maxFileSize.matches("(?i)\\d+\\s*(kb|mb|gb)?")) {
      throw new IllegalArgumentException("max-file-size: '" + maxFileSize + "' is not a size (e.g. 100MB, 1GB)");
    }
    if (syslog != null) {
      HostPort.parse(syslog, SYSLOG_PORT); // a bad address is an error now, not at the first line logged
    }
    maxFiles = maxFiles == null ? 10 : maxFiles;
    if (maxFiles < 0) {
      throw new IllegalArgumentException("max-files: must be 0 or more");
    }
  }

  /** The syslog port when none is given (RFC 3164 §2). */
  public static final int SYSLOG_PORT = 514;

  /** Where syslog lines go, or null. */
  public HostPort syslogAddress() {
    return syslog == null ? null : HostPort.parse(syslog, SYSLOG_PORT);
  }

  public static LoggingConfig defaults() {
    return new LoggingConfig(null, null, null, null, null, null, null);
  }

  /** This section with {@code file} resolved against {@code dir} when relative. */
  LoggingConfig resolvedAgainst(Path dir) {
    return file == null || file.isAbsolute() ? this : new LoggingConfig(level, levels, format, dir.resolve(file), maxFileSize, maxFiles, syslog);
  }

  private static String checkLevel(String l, String key) {
    String lower = l.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(lower)) {
      throw new IllegalArgumentException(key + ": '" + l + "' is not a log level (known: trace, debug, info, warn, error, off)");
    }
    return lower;
  }
}
