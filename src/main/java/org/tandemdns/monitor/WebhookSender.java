package org.tandemdns.monitor;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.WebhookConfig;

/**
 * POSTs each alert to every configured webhook, as generic JSON or Slack-compatible text, with
 * {@code Content-Type: application/json}. Each POST is bounded by the webhook's timeout and tried
 * at most twice (again only after a network error or a 5xx status); a failure is logged, never
 * thrown. Alerts go out in order, one at a time, from the monitor's own thread.
 */
public final class WebhookSender implements AlertSink {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

  private final List<WebhookConfig> hooks;
  private final HttpClient http;

  public WebhookSender(List<WebhookConfig> hooks) {
    this.hooks = List.copyOf(hooks);
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public void send(Alert alert) {
    for (WebhookConfig hook : hooks) {
      String body = hook.format() == WebhookConfig.Format.SLACK ? AlertJson.slack(alert) : AlertJson.generic(alert);
      HttpRequest request = HttpRequest.newBuilder(hook.url())
          .timeout(hook.timeout())
          .header("Content-Type", "application/json")
          .header("User-Agent", "tandem-monitor")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build();
      post(hook, request, alert);
    }
  }

  private void post(WebhookConfig hook, HttpRequest request, Alert alert) {
    String problem = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 == 2) {
          log.info("webhook {}: sent '{}'", hook.url(), alert.headline());
          return;
        }
        problem = "HTTP " + r.statusCode();
        if (r.statusCode() < 500) {
          break;
        }
      } catch (IOException e) {
        problem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problem = "interrupted";
        break;
      }
    }
    log.warn("webhook {}: alert not delivered ({}): {}", hook.url(), problem, alert.headline());
  }
}
