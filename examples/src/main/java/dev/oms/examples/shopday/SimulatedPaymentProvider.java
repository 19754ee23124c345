package dev.oms.examples.shopday;

import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.money.MonetaryAmount;

/**
 * The host's payment provider, simulated the way real ones behave: every call is idempotent by its
 * key (a retry gets the first answer and moves no money again); a card can be declined
 * ("insufficient funds") until the customer updates it; the provider keeps its own ledger per order
 * and declines a capture above what is authorised and not yet captured or voided, and a refund above
 * what was captured, whatever the caller believes. Thread-safe.
 */
final class SimulatedPaymentProvider implements PaymentGateway {
    private final Set<CustomerRef> decliningCards = ConcurrentHashMap.newKeySet();
    private final Map<CommandKey, PaymentResult> answers = new ConcurrentHashMap<>();
    private final Map<OrderId, Ledger> ledgers = new ConcurrentHashMap<>();
    private final AtomicLong references = new AtomicLong();
    private final AtomicLong declines = new AtomicLong();

    /** The provider's own view of an order's money. */
    private static final class Ledger {
        MonetaryAmount open;
        MonetaryAmount captured;

        Ledger(MonetaryAmount zero) {
            open = zero;
            captured = zero;
        }
    }

    /** @param customer whose card is declined until {@link #updateCard} */
    void declineCardOf(CustomerRef customer) {
        decliningCards.add(customer);
    }

    /** @param customer who entered a working card */
    void updateCard(CustomerRef customer) {
        decliningCards.remove(customer);
    }

    /** @return declined calls so far */
    long declines() {
        return declines.get();
    }

    /** @return captured minus refunded over every order, as the provider's own ledger has it */
    java.math.BigDecimal netCaptured() {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (Ledger ledger : ledgers.values()) {
            synchronized (ledger) {
                total = total.add(ledger.captured.getNumber().numberValue(java.math.BigDecimal.class));
            }
        }
        return total;
    }

    @Override
    public PaymentResult authorise(PaymentRequest request) {
        return answer(request, ledger -> {
            if (decliningCards.contains(request.customer())) {
                return declined("insufficient funds");
            }
            ledger.open = ledger.open.add(request.amount());
            return approved();
        });
    }

    @Override
    public PaymentResult capture(PaymentRequest request) {
        return answer(request, ledger -> {
            if (request.amount().isGreaterThan(ledger.open)) {
                return declined("capture exceeds the open authorisation of " + ledger.open);
            }
            ledger.open = ledger.open.subtract(request.amount());
            ledger.captured = ledger.captured.add(request.amount());
            return approved();
        });
    }

    @Override
    public PaymentResult voidAuthorisation(PaymentRequest request) {
        return answer(request, ledger -> {
            if (request.amount().isGreaterThan(ledger.open)) {
                return declined("void exceeds the open authorisation of " + ledger.open);
            }
            ledger.open = ledger.open.subtract(request.amount());
            return approved();
        });
    }

    @Override
    public PaymentResult refund(PaymentRequest request) {
        return answer(request, ledger -> {
            if (request.amount().isGreaterThan(ledger.captured)) {
                return declined("refund exceeds the captured " + ledger.captured);
            }
            ledger.captured = ledger.captured.subtract(request.amount());
            return approved();
        });
    }

    private interface Decision {
        PaymentResult decide(Ledger ledger);
    }

    private PaymentResult answer(PaymentRequest request, Decision decision) {
        return answers.computeIfAbsent(request.idempotencyKey(), key -> {
            Ledger ledger = ledgers.computeIfAbsent(request.orderId(), id -> new Ledger(request.amount().multiply(0)));
            synchronized (ledger) {
                return decision.decide(ledger);
            }
        });
    }

    private PaymentResult approved() {
        return new PaymentResult.Approved(PaymentReference.of("psp-" + references.incrementAndGet()));
    }

    private PaymentResult declined(String reason) {
        declines.incrementAndGet();
        return new PaymentResult.Declined(reason);
    }
}
