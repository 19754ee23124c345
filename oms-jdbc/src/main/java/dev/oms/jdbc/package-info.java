/** The PostgreSQL adapter: {@link dev.oms.jdbc.PostgresStores} is where to start. */
package dev.oms.jdbc;
