package dev.oms.testkit.contract;

import dev.oms.core.memory.InMemoryBalances;
import dev.oms.spi.payment.PaymentGateway;
import javax.money.MonetaryAmount;

/** The in-memory balances pass the whole contract. */
class InMemoryBalancesConformanceTest extends BalanceGatewayContract {
    @Override
    protected PaymentGateway newGateway() {
        return new InMemoryBalances();
    }

    @Override
    protected void open(PaymentGateway gateway, String account, MonetaryAmount balance) {
        ((InMemoryBalances) gateway).open(account, balance);
    }

    @Override
    protected MonetaryAmount available(PaymentGateway gateway, String account) {
        return ((InMemoryBalances) gateway).available(account).orElseThrow();
    }
}
