package dev.oms.core;

import dev.oms.core.OrderService.CommandResult;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.payment.FraudScreen;
import dev.oms.spi.payment.FraudScreen.FraudVerdict;
import java.util.Optional;

/**
 * Screens orders through the host's {@link FraudScreen} and acts on the verdict: accept changes
 * nothing, review places a {@link HoldType#FRAUD_REVIEW} hold (code {@link #HOLD_CODE}), reject
 * cancels the order with reason {@link CancelReason#FRAUD}. Thread-safe.
 */
public final class FraudScreening {
    /** The code of the hold a review verdict places. */
    public static final String HOLD_CODE = "fraud-review";

    private final OrderService orders;
    private final FraudScreen screen;

    /**
     * What screening did.
     *
     * @param verdict the screen's verdict
     * @param result the command it led to, if any (none for accept, or a review already on hold)
     */
    public record Screened(FraudVerdict verdict, Optional<CommandResult> result) {
    }

    /**
     * @param orders the order service
     * @param screen the host's fraud screen
     */
    public FraudScreening(OrderService orders, FraudScreen screen) {
        this.orders = InvalidInputException.requireNonNull(orders, "orders");
        this.screen = InvalidInputException.requireNonNull(screen, "screen");
    }

    /**
     * @param orderId the order
     * @param key the key for the hold or cancellation the verdict leads to
     * @return the verdict and what it did
     */
    public Screened screen(OrderId orderId, CommandKey key) {
        Order order = orders.load(orderId);
        FraudVerdict verdict = screen.screen(order);
        switch (verdict.outcome()) {
            case REVIEW:
                if (order.hold(HoldType.FRAUD_REVIEW, HOLD_CODE).isPresent()) {
                    return new Screened(verdict, Optional.empty());
                }
                return new Screened(verdict, Optional.of(orders.handle(orderId,
                        new OrderCommand.PlaceHold(HoldType.FRAUD_REVIEW, HOLD_CODE, verdict.reason()), key)));
            case REJECT:
                return new Screened(verdict, Optional.of(orders.handle(orderId,
                        new OrderCommand.Cancel(CancelReason.FRAUD, verdict.reason()), key)));
            default:
                return new Screened(verdict, Optional.empty());
        }
    }

    /**
     * A person reviewed the order and let it go: releases the fraud-review hold.
     *
     * @param orderId the order
     * @param note the reviewer's note
     * @param key the command key
     * @return the order without the hold
     */
    public CommandResult approve(OrderId orderId, String note, CommandKey key) {
        return orders.handle(orderId, new OrderCommand.ReleaseHold(HoldType.FRAUD_REVIEW, HOLD_CODE, note), key);
    }
}
