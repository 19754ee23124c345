/**
 * oms' one JSON codec, on Jackson: {@link dev.oms.json.StoredJson} is the storage form of every
 * contract record for persistence adapters, {@link dev.oms.json.OmsJsonModule} and
 * {@link dev.oms.json.OmsJson} the same form on a host's {@code ObjectMapper}; a refusal is a
 * {@link dev.oms.json.OmsJson.JsonInputException} naming the JSON path.
 */
package dev.oms.json;

import dev.oms.json.OmsJson.JsonInputException;
