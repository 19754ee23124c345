package dev.oms.fakes;

import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.money.MonetaryAmount;

/**
 * A payment provider in memory that behaves like a real one where it matters for tests and
 * examples: idempotent by key (a repeat returns the first answer and moves no money), declines
 * for chosen customers or above a limit, and references {@code "pay-1"}, {@code "pay-2"}, ...
 * Thread-safe.
 */
public final class FakePaymentGateway implements PaymentGateway {
    /** One call that reached the provider (repeats by key are not counted). */
    public record Operation(String kind, PaymentRequest request, PaymentResult result) {
    }

    private final Map<CommandKey, PaymentResult> answers = new ConcurrentHashMap<>();
    private final Set<CustomerRef> declinedCustomers = ConcurrentHashMap.newKeySet();
    /** Every call in the order answered, appended in constant time. */
    private final Queue<Operation> operations = new ConcurrentLinkedQueue<>();
    private final AtomicLong references = new AtomicLong();
    private final Map<String, String> declinedOperations = new ConcurrentHashMap<>();
    private volatile MonetaryAmount authorisationLimit;

    /** A provider that approves everything. */
    public FakePaymentGateway() {
    }

    /**
     * @param customer a customer whose authorisations are declined from now on
     * @return this gateway
     */
    public FakePaymentGateway declineCustomer(CustomerRef customer) {
        declinedCustomers.add(InvalidInputException.requireNonNull(customer, "customer"));
        return this;
    }

    /**
     * @param customer a customer who entered a working card: their authorisations are approved again
     * @return this gateway
     */
    public FakePaymentGateway approveCustomer(CustomerRef customer) {
        declinedCustomers.remove(InvalidInputException.requireNonNull(customer, "customer"));
        return this;
    }

    /**
     * @param limit authorisations above it are declined ("insufficient funds")
     * @return this gateway
     */
    public FakePaymentGateway declineAuthorisationsAbove(MonetaryAmount limit) {
        this.authorisationLimit = InvalidInputException.requireNonNull(limit, "limit");
        return this;
    }

    /**
     * Declines every later call of one kind, as a provider does when, say, a refund window has
     * closed.
     *
     * @param kind {@code "capture"}, {@code "void"} or {@code "refund"}
     * @param reason the provider's reason
     * @return this gateway
     */
    public FakePaymentGateway declineOperation(String kind, String reason) {
        if (!Set.of("capture", "void", "refund").contains(kind)) {
            throw new InvalidInputException("kind", "'" + kind + "' is not capture, void or refund");
        }
        declinedOperations.put(kind, InvalidInputException.requireNonNull(reason, "reason"));
        return this;
    }

    /**
     * Accepts calls of one kind again after {@link #declineOperation}.
     *
     * @param kind {@code "capture"}, {@code "void"} or {@code "refund"}
     * @return this gateway
     */
    public FakePaymentGateway approveOperation(String kind) {
        declinedOperations.remove(InvalidInputException.requireNonNull(kind, "kind"));
        return this;
    }

    /** @return every call that reached the provider, in order */
    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    @Override
    public PaymentResult authorise(PaymentRequest request) {
        return answer("authorise", request, () -> {
            if (declinedCustomers.contains(request.customer())) {
                return new PaymentResult.Declined("card declined");
            }
            MonetaryAmount limit = authorisationLimit;
            if (limit != null && request.amount().isGreaterThan(limit)) {
                return new PaymentResult.Declined("insufficient funds");
            }
            return approved();
        });
    }

    @Override
    public PaymentResult capture(PaymentRequest request) {
        return answer("capture", request, () -> approvedUnlessDeclined("capture"));
    }

    @Override
    public PaymentResult voidAuthorisation(PaymentRequest request) {
        return answer("void", request, () -> approvedUnlessDeclined("void"));
    }

    @Override
    public PaymentResult refund(PaymentRequest request) {
        return answer("refund", request, () -> approvedUnlessDeclined("refund"));
    }

    private PaymentResult approvedUnlessDeclined(String kind) {
        String reason = declinedOperations.get(kind);
        return reason == null ? approved() : new PaymentResult.Declined(reason);
    }

    private PaymentResult approved() {
        return new PaymentResult.Approved(PaymentReference.of("pay-" + references.incrementAndGet()));
    }

    private PaymentResult answer(String kind, PaymentRequest request, Supplier<PaymentResult> decide) {
        InvalidInputException.requireNonNull(request, "request");
        return answers.computeIfAbsent(request.idempotencyKey(), key -> {
            PaymentResult result = decide.get();
            operations.add(new Operation(kind, request, result));
            return result;
        });
    }
}
