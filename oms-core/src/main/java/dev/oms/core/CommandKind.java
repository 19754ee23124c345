package dev.oms.core;

/**
 * The kinds of order command, as the {@link TransitionTable} names them.
 */
public enum CommandKind {
    /** {@link PlaceOrder}. */
    PLACE,
    /** {@link OrderCommand.Confirm}. */
    CONFIRM,
    /** {@link OrderCommand.PlaceHold}. */
    PLACE_HOLD,
    /** {@link OrderCommand.ReleaseHold}. */
    RELEASE_HOLD,
    /** {@link OrderCommand.Cancel}. */
    CANCEL,
    /** {@link OrderCommand.CancelLine}. */
    CANCEL_LINE,
    /** {@link OrderCommand.Edit}. */
    EDIT,
    /** {@link OrderCommand.RecordAuthorisation}. */
    RECORD_AUTHORISATION,
    /** {@link OrderCommand.RecordDecline}. */
    RECORD_DECLINE,
    /** {@link OrderCommand.RecordCapture}. */
    RECORD_CAPTURE,
    /** {@link OrderCommand.RecordVoid}. */
    RECORD_VOID,
    /** {@link OrderCommand.RecordRefund}. */
    RECORD_REFUND,
    /** {@link OrderCommand.Allocate}. */
    ALLOCATE,
    /** {@link OrderCommand.Deallocate}. */
    DEALLOCATE,
    /** {@link OrderCommand.Ship}. */
    SHIP,
    /** {@link OrderCommand.Deliver}. */
    DELIVER,
    /** {@link OrderCommand.RecordLoss}. */
    RECORD_LOSS,
    /** {@link OrderCommand.RecordReturn}. */
    RECORD_RETURN,
    /** {@link OrderCommand.Complete}. */
    COMPLETE,
    /** {@link OrderCommand.Archive}. */
    ARCHIVE,
    /** {@link OrderCommand.ErasePersonalData}. */
    ERASE_PERSONAL_DATA;

    /** @return the name as shown in diagrams and messages, for example {@code "cancel line"} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
