/**
 * JSON for hosts, on Jackson: {@link dev.oms.json.OmsJsonModule} and
 * {@link dev.oms.json.OmsJson} read and write every contract record, and
 * {@link dev.oms.json.OrderImport} maps channel orders (web, marketplace, point of sale) to
 * placements, refusing bad documents with a typed error naming the JSON path.
 */
package dev.oms.json;
