package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.ReturnId;

/** No return with this id is stored. */
public class ReturnNotFoundException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final ReturnId returnId;

    /** @param returnId the id asked for */
    public ReturnNotFoundException(ReturnId returnId) {
        super("returnId", "no return " + returnId);
        this.returnId = returnId;
    }

    /** @return the id asked for */
    public ReturnId returnId() {
        return returnId;
    }
}
