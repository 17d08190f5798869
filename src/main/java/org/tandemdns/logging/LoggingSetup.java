package org.tandemdns.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.LoggingConfig;

/**
 * Applies a {@link LoggingConfig} to logback, replacing what {@code logback.xml} set up: levels,
 * then one appender (stderr or a rotated file) with the text or JSON form, and syslog if asked.
 * Applying again (a re-read configuration) replaces the appenders and resets the levels the last
 * one set. {@code TANDEM_LOG_LEVEL}, when set, still sets the root level, as it does without a
 * {@code logging:} section.
 */
public final class LoggingSetup {
  /** The line of the text form, the same as logback.xml's. */
  public static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n";
  private static final Set<String> levelsSet = new HashSet<>();
  private static boolean applied;

  private LoggingSetup() {}

  /**
   * Applies {@code config} unless it is the default and nothing was applied before: logback.xml
   * already does exactly that, and an embedding JVM (tests) keeps its own appenders.
   */
  public static synchronized void applyIfConfigured(LoggingConfig config) {
    if (applied || !config.equals(LoggingConfig.defaults())) {
      apply(config);
    }
  }

  /** Applies {@code config}; a JVM not logging through logback (never Tandem's own) is left alone. */
  public static synchronized void apply(LoggingConfig config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    applied = true;
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    String env = System.getenv("TANDEM_LOG_LEVEL");
    root.setLevel(Level.toLevel(env != null && !env.isBlank() ? env : config.level(), Level.INFO));
    for (String name : levelsSet) {
      ctx.getLogger(name).setLevel(null);
    }
    levelsSet.clear();
    for (Map.Entry<String, String> e : Map.of("io.netty", "warn", "org.xbill", "warn").entrySet()) {
      ctx.getLogger(e.getKey()).setLevel(Level.toLevel(e.getValue()));
    }
    config.levels().forEach((name, level) -> {
      ctx.getLogger(name).setLevel(Level.toLevel(level));
      levelsSet.add(name);
    });
    root.detachAndStopAllAppenders();
    root.addAppender(main(ctx, config));
    if (config.syslog() != null) {
      root.addAppender(syslog(ctx, config));
    }
  }

  /** Goes back to what logback.xml sets up, as if nothing had been applied. */
  public static synchronized void restoreDefaults() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    ctx.reset();
    try {
      new ch.qos.logback.classic.util.ContextInitializer(ctx).autoConfig();
    } catch (ch.qos.logback.core.joran.spi.JoranException e) {
      throw new IllegalStateException("logback.xml cannot be read again", e);
    }
    levelsSet.clear();
    applied = false;
  }

  private static Appender<ILoggingEvent> main(LoggerContext ctx, LoggingConfig config) {
    OutputStreamAppender<ILoggingEvent> out;
    if (config.file() != null) {
      RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
      file.setContext(ctx);
      file.setName("FILE");
      file.setFile(config.file().toString());
      FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
      rolling.setContext(ctx);
      rolling.setParent(file);
      rolling.setFileNamePattern(config.file() + ".%i");
      rolling.setMinIndex(1);
      rolling.setMaxIndex(Math.max(1, config.maxFiles()));
      rolling.start();
      SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
      trigger.setContext(ctx);
      trigger.setMaxFileSize(FileSize.valueOf(config.maxFileSize()));
      trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildBySeconds(1)); // the size is looked at once a second at most
      trigger.start();
      file.setRollingPolicy(rolling);
      file.setTriggeringPolicy(trigger);
      out = file;
    } else {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setContext(ctx);
      console.setName("STDERR");
      console.setTarget("System.err");
      out = console;
    }
    out.setEncoder(encoder(ctx, config.format()));
    out.start();
    return out;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, String format) {
    if (format.equals("json")) {
      LayoutWrappingEncoder<ILoggingEvent> json = new LayoutWrappingEncoder<>();
      json.setContext(ctx);
      JsonLineLayout layout = new JsonLineLayout();
      layout.setContext(ctx);
      layout.start();
      json.setLayout(layout);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(ctx);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  private static Appender<ILoggingEvent> syslog(LoggerContext ctx, LoggingConfig config) {
    SyslogAppender s = new SyslogAppender();
    s.setContext(ctx);
    s.setName("SYSLOG");
    s.setSyslogHost(config.syslogAddress().address().getHostAddress());
    s.setPort(config.syslogAddress().port());
    s.setFacility("DAEMON");
    s.setSuffixPattern("tandem: %logger{0}: %msg");
    s.start();
    return s;
  }
}
