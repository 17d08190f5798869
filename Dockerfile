# Tandem DNS in a container. Build the release first (./mvnw package), then:
#   docker build -t tandem .
#   docker run -p 53:53/udp -p 53:53/tcp -v tandem-data:/var/lib/tandem -v $PWD/conf:/etc/tandem tandem
FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/tandem --shell /usr/sbin/nologin tandem \
 && mkdir -p /opt/tandem /var/lib/tandem /etc/tandem && chown tandem /var/lib/tandem
COPY target/tandem-*.tar.gz /tmp/tandem.tar.gz
RUN tar -xzf /tmp/tandem.tar.gz -C /opt/tandem --strip-components=1 && rm /tmp/tandem.tar.gz \
 && cp -n /opt/tandem/etc/tandem.yaml /etc/tandem/tandem.yaml
USER tandem
VOLUME ["/var/lib/tandem"]
EXPOSE 53/udp 53/tcp 8053/tcp
ENTRYPOINT ["/opt/tandem/bin/tandem"]
CMD ["serve", "--config", "/etc/tandem/tandem.yaml"]
