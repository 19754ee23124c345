/**
 * oms' one JSON codec, on Jackson: the storage form of every contract record for persistence
 * adapters ({@code StoredJson}) and the Jackson module for hosts' mappers ({@code OmsJsonModule},
 * {@code OmsJson}). Depends on the contract only.
 */
module dev.oms.json {
    requires transitive dev.oms.spi;
    requires transitive com.fasterxml.jackson.databind;

    exports dev.oms.json;
}
