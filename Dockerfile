# Tandem DNS in a container. Build the release first (./mvnw package), then:
#   docker build -t tandem .
#   docker run -p 53:53/udp -p 53:53/tcp -p 127.0.0.1:8053:8053 -v tandem-data:/var/lib/tandem tandem
# It starts with the example configuration baked in at /etc/tandem (zone example.com). To use your
# own, mount a directory holding tandem.yaml (and its zone files) over /etc/tandem:
#   docker run --rm tandem cat /etc/tandem/tandem.yaml > conf/tandem.yaml   # a starting point
#   docker run ... -v $PWD/conf:/etc/tandem:ro tandem
# The HTTP API listens on all of the container's addresses (it needs a token: with none in the
# config, the admin token is in the data volume, /var/lib/tandem/api.token).
FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/tandem --shell /usr/sbin/nologin tandem \
 && mkdir -p /opt/tandem /var/lib/tandem /etc/tandem && chown tandem /var/lib/tandem
COPY target/tandem-*.tar.gz /tmp/tandem.tar.gz
RUN tar -xzf /tmp/tandem.tar.gz -C /opt/tandem --strip-components=1 && rm /tmp/tandem.tar.gz \
 && cp -r /opt/tandem/etc/tandem.yaml /opt/tandem/etc/zones /etc/tandem/
USER tandem
VOLUME ["/var/lib/tandem"]
EXPOSE 53/udp 53/tcp 8053/tcp
ENTRYPOINT ["/opt/tandem/bin/tandem"]
CMD ["serve", "--config", "/etc/tandem/tandem.yaml", "--api-listen", "0.0.0.0:8053"]
