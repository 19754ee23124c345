/**
 * The order store a persistence adapter implements: {@link dev.oms.spi.store.OrderStore} (whose
 * Javadoc is the contract oms-testkit checks), the {@link dev.oms.spi.store.OrderStore.OrderChange} it saves
 * atomically, the command records of idempotency keys and the outbox entries it returns.
 */
package dev.oms.spi.store;

import dev.oms.spi.store.OrderStore.OrderChange;
