package org.tandemdns.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * One webhook under {@code monitor.webhooks}.
 *
 * @param url where alerts are POSTed (http or https)
 * @param format {@code json} (one JSON object per alert) or {@code slack} (Slack-compatible
 *     {@code {"text": ...}})
 * @param timeout how long one POST may take (default 5s)
 */
public record WebhookConfig(URI url, Format format, Duration timeout) {

  /** Payload formats. */
  public enum Format {
    JSON,
    SLACK;

    @JsonCreator
    public static Format parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "' is not a webhook format (known: json, slack)");
      }
    }
  }

  public WebhookConfig {
    if (url == null) {
      throw new IllegalArgumentException("webhook: missing 'url'");
    }
    if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("webhook url '" + url + "' is not an http or https URL");
    }
    format = format == null ? Format.JSON : format;
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
  }
}
