package dev.oms.flow;

import dev.oms.spi.payment.PaymentGateway;

/** A provider that passes every call to a real one; a test overrides the call it breaks. */
class AroundGateway implements PaymentGateway {
    private final PaymentGateway real;

    AroundGateway(PaymentGateway real) {
        this.real = real;
    }

    @Override
    public PaymentResult authorise(PaymentRequest r) {
        return real.authorise(r);
    }

    @Override
    public PaymentResult capture(PaymentRequest r) {
        return real.capture(r);
    }

    @Override
    public PaymentResult voidAuthorisation(PaymentRequest r) {
        return real.voidAuthorisation(r);
    }

    @Override
    public PaymentResult refund(PaymentRequest r) {
        return real.refund(r);
    }
}
