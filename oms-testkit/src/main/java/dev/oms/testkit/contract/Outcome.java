package dev.oms.testkit.contract;

import dev.oms.spi.OmsException;

/** What an operation answered, for comparing a store with a model: success, or which typed refusal. */
final class Outcome {
    private Outcome() {
    }

    /**
     * @param operation the operation
     * @return {@code Void.class} if it succeeded, otherwise the class of the {@link OmsException} it threw
     */
    static Class<?> of(Runnable operation) {
        try {
            operation.run();
            return Void.class;
        } catch (OmsException refused) {
            return refused.getClass();
        }
    }
}
