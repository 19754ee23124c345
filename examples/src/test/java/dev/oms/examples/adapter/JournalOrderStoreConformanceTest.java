package dev.oms.examples.adapter;

import dev.oms.spi.store.OrderStore;
import dev.oms.testkit.contract.OrderStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The example adapter passes every rule of the order store contract, concurrency included. */
// adapter-test:begin
class JournalOrderStoreConformanceTest extends OrderStoreContract {
    @Override
    protected OrderStore newStore() {
        try {
            return JournalOrderStore.open(Files.createTempFile("orders", ".journal"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
// adapter-test:end
