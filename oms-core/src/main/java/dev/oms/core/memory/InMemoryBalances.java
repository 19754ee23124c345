package dev.oms.core.memory;

import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentMethod;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.money.MonetaryAmount;

/**
 * Gift card and store credit balances kept in memory, as a {@link PaymentGateway} for the payment
 * methods that spend them (give it to {@code OrderPayments.withBalances}): for tests, examples and
 * a single-JVM host. A host that keeps balances elsewhere implements the same four calls.
 *
 * <p>The account of a request is its method's id ({@link PaymentMethod#id()}: the host's
 * reference to the card, never its code). For each account:
 * <ul>
 *   <li>{@link #authorise} holds the amount for the order if the balance less what is held covers
 *       it, or declines ({@code insufficient balance}): so however many orders spend one card at
 *       once, it never holds or spends more than it has;</li>
 *   <li>{@link #capture} spends what the order holds (at most that), {@link #voidAuthorisation}
 *       releases it, and {@link #refund} credits back what the order spent (at most that);</li>
 *   <li>every call is idempotent by its key: a repeat returns the first answer and moves nothing.</li>
 * </ul>
 * A request that names no method, or names an unknown account, is declined. Thread-safe: each
 * account changes under its own lock.
 */
public final class InMemoryBalances implements PaymentGateway {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<CommandKey, PaymentResult> answers = new ConcurrentHashMap<>();

    /** No account open yet; see {@link #open}. */
    public InMemoryBalances() {
    }

    /** One card's balance, and per order what it holds and what it spent. */
    private static final class Account {
        MonetaryAmount balance;
        final Map<OrderId, MonetaryAmount> held = new HashMap<>();
        final Map<OrderId, MonetaryAmount> spent = new HashMap<>();
        long next;

        Account(MonetaryAmount balance) {
            this.balance = balance;
        }

        MonetaryAmount held() {
            return held.values().stream().reduce(balance.multiply(0), MonetaryAmount::add);
        }
    }

    /**
     * Opens an account, or sets an open one's balance: what it has not spent, what orders hold
     * on it included ({@link #available} is that less the holds). To add to a card, use
     * {@link #topUp}.
     *
     * @param account the method id that names it
     * @param balance what it has, not negative
     * @return this
     * @throws InvalidInputException if a field is null, the id not a code or the balance negative
     */
    public InMemoryBalances open(String account, MonetaryAmount balance) {
        InvalidInputException.requireCode(account, "account");
        Amounts.requireNonNegative(InvalidInputException.requireNonNull(balance, "balance"), balance.getCurrency(),
                "balance");
        accounts.compute(account, (id, existing) -> {
            if (existing == null) {
                return new Account(balance);
            }
            synchronized (existing) {
                existing.balance = balance;
            }
            return existing;
        });
        return this;
    }

    /**
     * Adds to an open account's balance (the customer topped the gift card up): what orders hold
     * on it stays held.
     *
     * @param account the method id that names it
     * @param amount what is added, positive, in the account's currency
     * @return this
     * @throws InvalidInputException if a field is null, the account is not open or the amount is
     *     not positive in its currency
     */
    public InMemoryBalances topUp(String account, MonetaryAmount amount) {
        Account a = accounts.get(InvalidInputException.requireNonNull(account, "account"));
        if (a == null) {
            throw new InvalidInputException("account", "no account " + account + " is open");
        }
        synchronized (a) {
            Amounts.requirePositive(InvalidInputException.requireNonNull(amount, "amount"), a.balance.getCurrency(),
                    "amount");
            a.balance = a.balance.add(amount);
        }
        return this;
    }

    /**
     * @param account the method id that names it
     * @return what it has that is neither held nor spent, if it is open
     */
    public Optional<MonetaryAmount> available(String account) {
        Account a = accounts.get(InvalidInputException.requireNonNull(account, "account"));
        if (a == null) {
            return Optional.empty();
        }
        synchronized (a) {
            return Optional.of(a.balance.subtract(a.held()));
        }
    }

    @Override
    public PaymentResult authorise(PaymentRequest request) {
        return answer(request, (a, order, amount) -> {
            if (a.balance.subtract(a.held()).isLessThan(amount)) {
                return new PaymentResult.Declined("insufficient balance");
            }
            a.held.merge(order, amount, MonetaryAmount::add);
            return approved(a, "hold");
        });
    }

    @Override
    public PaymentResult capture(PaymentRequest request) {
        return answer(request, (a, order, amount) -> take(a.held, order, amount, "holds").orElseGet(() -> {
            a.balance = a.balance.subtract(amount);
            a.spent.merge(order, amount, MonetaryAmount::add);
            return approved(a, "spend");
        }));
    }

    @Override
    public PaymentResult voidAuthorisation(PaymentRequest request) {
        return answer(request, (a, order, amount) -> take(a.held, order, amount, "holds")
                .orElseGet(() -> approved(a, "release")));
    }

    @Override
    public PaymentResult refund(PaymentRequest request) {
        return answer(request, (a, order, amount) -> take(a.spent, order, amount, "spent").orElseGet(() -> {
            a.balance = a.balance.add(amount);
            return approved(a, "credit");
        }));
    }

    /**
     * Takes {@code amount} off what the order has in one bucket of the account (held or spent), or
     * declines if it has less, taking nothing.
     */
    private static Optional<PaymentResult> take(Map<OrderId, MonetaryAmount> bucket, OrderId order,
            MonetaryAmount amount, String what) {
        MonetaryAmount has = bucket.getOrDefault(order, amount.multiply(0));
        if (has.isLessThan(amount)) {
            return Optional.of(new PaymentResult.Declined("the order " + what + " " + has.getNumber()
                    + " of this balance"));
        }
        bucket.put(order, has.subtract(amount));
        return Optional.empty();
    }

    /** A change of one account, under its lock. */
    @FunctionalInterface
    private interface Change {
        PaymentResult apply(Account account, OrderId order, MonetaryAmount amount);
    }

    private PaymentResult answer(PaymentRequest request, Change change) {
        InvalidInputException.requireNonNull(request, "request");
        PaymentResult first = answers.get(request.idempotencyKey());
        if (first != null) {
            return first;
        }
        Optional<Account> account = request.method().map(PaymentMethod::id).map(accounts::get);
        if (account.isEmpty()) {
            return new PaymentResult.Declined("no balance account " + request.method().map(PaymentMethod::id)
                    .orElse("(no payment method named)"));
        }
        Account a = account.get();
        synchronized (a) {
            // under the account's lock, so two calls with one key move money once
            PaymentResult again = answers.get(request.idempotencyKey());
            if (again != null) {
                return again;
            }
            if (!a.balance.getCurrency().equals(request.amount().getCurrency())) {
                return new PaymentResult.Declined("the balance is in " + a.balance.getCurrency());
            }
            PaymentResult result = change.apply(a, request.orderId(), request.amount());
            answers.put(request.idempotencyKey(), result);
            return result;
        }
    }

    private static PaymentResult approved(Account a, String what) {
        return new PaymentResult.Approved(PaymentReference.of("balance-" + what + "-" + ++a.next));
    }
}
