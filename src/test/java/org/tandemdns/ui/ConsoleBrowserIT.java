package org.tandemdns.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.PeerRequirement;
import org.tandemdns.testing.Ports;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TandemProcess;
import org.xbill.DNS.Type;

/**
 * The web console in a real headless Chromium (Debian's, driven through its chromedriver) against
 * Tandem started from the jar, with BIND as a secondary and as a second nameserver of a monitored
 * zone: log in with a token, create a zone, add a record and watch it reach BIND in "where is my
 * change", be told when someone changed the zone meanwhile, see the monitor's drift alert; a
 * read-only token sees no write controls and gets 403 when it tries anyway; record data that is
 * markup stays text. Screenshots of the main pages go to target/console-screenshots.
 */
class ConsoleBrowserIT {
  private static final String ADMIN = "console-admin-token-5d2e9f1a";
  private static final String VIEWER = "console-viewer-token-8b3c7e4d";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path SHOTS = Path.of("target/console-screenshots");

  @TempDir Path tmp;
  private WebDriver browser;

  @BeforeEach
  void openBrowser() throws IOException {
    Path driver = PeerRequirement.require("chromedriver");
    PeerRequirement.require("chromium");
    ChromeOptions options = new ChromeOptions();
    Path binary = Path.of("/usr/lib/chromium/chromium");
    if (Files.isExecutable(binary)) {
      options.setBinary(binary.toFile());
    }
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1100",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium")));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.toString()))
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aNewcomerLogsInCreatesAZoneAddsARecordAndFollowsItToBind() throws Exception {
    Endpoint tandemAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    int apiPort = Ports.allocate();
    Path tandemDrift = Files.writeString(tmp.resolve("drift.test.zone"), zone("192.0.2.1"));
    Path bindDrift = Files.writeString(tmp.resolve("bind-drift.test.zone"), zone("192.0.2.66"));
    Path config = Files.writeString(tmp.resolve("tandem.yaml"), """
        server:
          listen: ["%s"]
          data-dir: "%s"
        api:
          listen: "127.0.0.1:%d"
          tokens:
            - {name: ops, secret: "%s", role: admin}
            - {name: viewer, secret: "%s", role: read-only}
        monitor:
          interval: 1s
          history-file: none
          zones:
            - name: drift.test
              nameservers: ["ns1=%s", "ns2=%s"]
              expect-from: "%s"
        zones:
          - {name: drift.test, file: "%s", notify-ns: false, allow-transfer: ["127.0.0.1"]}
        """.formatted(tandemAt, tmp.resolve("data"), apiPort, ADMIN, VIEWER, tandemAt, bindAt, tandemAt, tandemDrift));
    try (BindPeer bind = BindPeer.builder().listen(bindAt).primary(PrimaryZone.of("drift.test", bindDrift).allowTransfer(org.tandemdns.testing.Acl.any()))
            .secondary(SecondaryZone.of("web.test", tandemAt)).awaitZones(false).start();
        TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("drift.test").start()) {
      String ui = "http://127.0.0.1:" + apiPort + "/ui/";
      org.tandemdns.testing.Wait.until(WAIT, () -> tandem.log().contains("web console at " + ui + " (log in with an API token)"),
          () -> "serve does not print the console's address:\n" + tandem.log());
      WebDriverWait wait = new WebDriverWait(browser, WAIT);

      // the URL that serve printed, then the token
      browser.get(ui);
      wait.until(ExpectedConditions.urlContains("/ui/login"));
      shot("login");
      login(ADMIN);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("zones")));
      assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("ops · admin");

      // create a zone whose secondary is BIND
      browser.findElement(By.id("new-zone")).click();
      browser.findElement(By.id("zone-name")).sendKeys("web.test");
      browser.findElement(By.id("zone-ns")).sendKeys("ns1.example.net.");
      browser.findElement(By.id("zone-secondaries")).sendKeys(bindAt.toString());
      browser.findElement(By.id("create")).click();
      wait.until(ExpectedConditions.urlContains("/ui/zones/web.test"));
      long created = serial();
      bind.awaitSerial("web.test", created, WAIT);

      // add a record, and follow it to BIND
      browser.findElement(By.id("rr-name")).sendKeys("www");
      browser.findElement(By.id("rr-type")).sendKeys("A");
      WebElement ttl = browser.findElement(By.id("rr-ttl"));
      ttl.clear();
      ttl.sendKeys("300");
      browser.findElement(By.id("rr-data")).sendKeys("192.0.2.80");
      browser.findElement(By.id("save")).click();
      wait.until(ExpectedConditions.urlContains("follow="));
      long saved = serial();
      assertThat(saved).isGreaterThan(created);
      By bindRow = By.cssSelector("#follow tr.reached[data-who='" + bindAt + "']");
      wait.until(ExpectedConditions.presenceOfElementLocated(bindRow));
      assertThat(browser.findElement(bindRow).getText()).contains("yes (serial " + saved + ")").containsPattern("\\d+ ms");
      wait.until(ExpectedConditions.attributeToBe(By.id("follow"), "data-done", "true"));
      assertThat(browser.findElement(By.cssSelector("#follow .message")).getText())
          .isEqualTo("Every secondary and nameserver has serial " + saved + ".");
      assertThat(DnsQuery.to(bind.endpoint()).send(DnsQuery.question("www.web.test", Type.A)).getSection(1))
          .extracting(r -> r.rdataToString()).containsExactly("192.0.2.80");
      assertThat(browser.findElement(By.id("rrsets")).getText()).contains("www").contains("192.0.2.80");
      assertThat(browser.findElement(By.id("history")).getText()).contains("by console ops from 127.0.0.1").contains("192.0.2.80");
      shot("zone");

      // a record the zone cannot hold: the API's reason, beside the form, and nothing written
      browser.findElement(By.id("rr-name")).sendKeys("bad");
      browser.findElement(By.id("rr-type")).sendKeys("A");
      browser.findElement(By.id("rr-data")).sendKeys("not-an-address");
      browser.findElement(By.id("save")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("save-message"), "not-an-address"));
      assertThat(serial()).isEqualTo(saved);
      browser.get(ui + "zones/web.test");

      // someone else changes the zone while this page is open: the save says so, and nothing is lost
      ApiHttp.at("http://127.0.0.1:" + apiPort).token(ADMIN)
          .put("/api/v1/zones/web.test/rrsets/mail/A", "{\"records\": [\"192.0.2.25\"]}");
      browser.findElement(By.cssSelector("#rrsets tr[data-name='www'] button.edit")).click();
      WebElement data = browser.findElement(By.id("rr-data"));
      data.clear();
      data.sendKeys("192.0.2.81");
      browser.findElement(By.id("save")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("save-message"), "Someone changed this zone meanwhile"));
      assertThat(browser.findElement(By.id("save-message")).getText()).contains("is at serial " + (saved + 1));
      assertThat(DnsQuery.to(tandem.endpoint()).send(DnsQuery.question("www.web.test", Type.A)).getSection(1))
          .extracting(r -> r.rdataToString()).containsExactly("192.0.2.80");

      // markup in record data is text, and runs nothing
      ApiHttp.at("http://127.0.0.1:" + apiPort).token(ADMIN).put("/api/v1/zones/web.test/rrsets/xss/TXT",
          "{\"records\": [\"\\\"<img src=x onerror=alert(1)><script>alert(2)</script>\\\"\"]}");
      browser.get(ui + "zones/web.test");
      assertThat(browser.findElement(By.cssSelector("#rrsets tr[data-name='xss']")).getText())
          .contains("<img src=x onerror=alert(1)><script>alert(2)</script>");
      assertThat(browser.findElements(By.cssSelector("#rrsets img, #rrsets script"))).isEmpty();
      assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

      // the zones page, with BIND's chip for web.test; the monitor's drift alert
      bind.awaitSerial("web.test", saved + 2, WAIT);
      By bindChip = By.cssSelector("tr[data-zone='web.test.'] .chip.ok");
      browser.get(ui);
      for (int i = 0; i < 30 && browser.findElements(bindChip).isEmpty(); i++) {
        Thread.sleep(500);
        browser.navigate().refresh();
      }
      assertThat(browser.findElement(bindChip).getText()).isEqualTo(bindAt + " " + (saved + 2));
      shot("zones");
      browser.get(ui + "alerts");
      for (int i = 0; i < 30 && browser.findElements(By.xpath("//table[@id='alerts']//td[@class='condition' and text()='drift']")).isEmpty(); i++) {
        Thread.sleep(1000);
        browser.navigate().refresh();
      }
      assertThat(browser.findElements(By.id("alerts"))).as("no drift alert: %s%n%s", browser.findElement(By.tagName("main")).getText(),
          tandem.log().lines().filter(l -> l.contains("monitor")).toList()).hasSize(1);
      assertThat(browser.findElements(By.xpath("//table[@id='alerts']//tr[td[@class='condition' and text()='drift']]")))
          .singleElement().satisfies(row -> assertThat(row.getText()).contains("drift.test.").contains(bindAt.toString())
              .contains("differs from the reference"));
      assertThat(browser.findElements(By.id("monitor-timeline"))).hasSize(1);
      shot("alerts");
      browser.get(ui + "?state=drifting");
      assertThat(browser.findElements(By.cssSelector("#zones tbody tr"))).extracting(r -> r.getAttribute("data-zone"))
          .containsExactly("drift.test.");

      // a read-only token: no write controls; a write tried anyway is 403
      browser.findElement(By.id("logout")).click();
      wait.until(ExpectedConditions.urlContains("/ui/login"));
      login(VIEWER);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("zones")));
      assertThat(browser.findElements(By.id("create-zone"))).isEmpty();
      browser.get(ui + "zones/web.test");
      assertThat(browser.findElements(By.id("rrset-form"))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("button.edit, button.delete"))).isEmpty();
      assertThat(browser.findElement(By.id("read-only")).getText()).contains("may read this zone, not change it");
      Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          fetch('/api/v1/zones/web.test/rrsets/www/A', {method: 'PUT', credentials: 'same-origin',
            headers: {'Content-Type': 'application/json',
                      'X-CSRF-Token': document.querySelector('meta[name="csrf"]').content},
            body: JSON.stringify({records: ['192.0.2.99']})}).then(r => done(r.status));
          """);
      assertThat(((Number) status).intValue()).isEqualTo(403);
      shot("read-only");
      assertThat(DnsQuery.to(tandem.endpoint()).send(DnsQuery.question("www.web.test", Type.A)).getSection(1))
          .extracting(r -> r.rdataToString()).containsExactly("192.0.2.80");
    }
  }

  private void login(String token) {
    browser.findElement(By.id("token")).sendKeys(token);
    browser.findElement(By.id("login")).click();
  }

  private long serial() {
    return Long.parseLong(browser.findElement(By.id("zone")).getAttribute("data-serial"));
  }

  private void shot(String name) throws IOException {
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  private static String zone(String www) {
    return "$TTL 300\n@ SOA ns1 hostmaster 7 3600 600 86400 300\n@ NS ns1\n@ NS ns2\nns1 A 127.0.0.1\nns2 A 127.0.0.1\nwww A " + www + "\n";
  }
}
