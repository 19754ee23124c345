/**
 * The PostgreSQL adapter for every oms store SPI: plain JDBC on a host's DataSource, versioned
 * migrations shipped in the jar, an outbox relay safe with several relays at once.
 */
module dev.oms.jdbc {
    requires transitive dev.oms.spi;
    requires transitive java.sql;
    requires dev.oms.json;
    requires org.slf4j;

    exports dev.oms.jdbc;
}
