package org.tandemdns.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A share from 0% to 100%, written {@code 30%} or {@code 30} (decimals allowed: {@code 12.5%}).
 *
 * @param fraction the share as a fraction, 0.0 to 1.0
 */
public record Percent(double fraction) {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%?");

  public Percent {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("a percentage must be from 0% to 100%");
    }
  }

  /** Parses {@code 30%}, {@code 30} or {@code 12.5%}. */
  public static Percent parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a percentage (examples: 30%, 12.5%)");
    }
    double value = Double.parseDouble(m.group(1));
    if (value > 100) {
      throw new IllegalArgumentException("'" + text + "' is more than 100%");
    }
    return new Percent(value / 100);
  }

  /** The share in percent. */
  public double percent() {
    return fraction * 100;
  }

  @Override
  public String toString() {
    double p = percent();
    return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
  }
}
