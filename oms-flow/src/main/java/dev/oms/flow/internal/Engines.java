package dev.oms.flow.internal;

import dev.oms.core.FraudScreening;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.flow.FlowPolicy;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.fulfillment.Router;
import dev.oms.inventory.InventoryService;
import dev.oms.returns.ReturnService;
import dev.oms.spi.payment.StoreCreditGateway;
import dev.oms.spi.process.ProcessStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The engine services one flow is built from, all on the same clock and ids, and the host's
 * policy. Immutable; shared by every process of the flow.
 *
 * @param orders the order service
 * @param payments payments through the host's provider
 * @param fraud the host's fraud screen
 * @param inventory the inventory engine
 * @param fulfillment fulfilment orders (built without payments: the flow captures)
 * @param router the routing engine
 * @param returns returns, exchanges and claims
 * @param storeCredit the host's store credit, if any
 * @param processes where processes are kept
 * @param clock the one clock
 * @param policy the host's timers and money choices
 * @param approvals which business orders wait for an approver
 * @param drafts where draft orders and quotes live
 * @param production which products are made to order, and how
 */
public record Engines(OrderService orders, OrderPayments payments, FraudScreening fraud, InventoryService inventory,
        FulfillmentService fulfillment, Router router, ReturnService returns, Optional<StoreCreditGateway> storeCredit,
        ProcessStore processes, Clock clock, FlowPolicy policy, dev.oms.spi.order.ApprovalPolicy approvals,
        dev.oms.spi.store.DraftStore drafts, dev.oms.flow.Production production) {
}
