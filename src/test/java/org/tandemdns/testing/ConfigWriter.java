package org.tandemdns.testing;

/** Builds configuration text line by line with {@link String#format} placeholders. */
final class ConfigWriter {

  private final StringBuilder text = new StringBuilder();

  ConfigWriter line(String format, Object... args) {
    text.append(args.length == 0 ? format : String.format(format, args)).append('\n');
    return this;
  }

  ConfigWriter raw(String chunk) {
    text.append(chunk);
    return this;
  }

  ConfigWriter append(ConfigWriter other) {
    text.append(other.text);
    return this;
  }

  boolean isEmpty() {
    return text.length() == 0;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
