/**
 * The contract's value types and errors: typed ids ({@link dev.oms.spi.OrderId},
 * {@link dev.oms.spi.Sku}, {@link dev.oms.spi.LocationId}, {@link dev.oms.spi.CommandKey}, ...),
 * {@link dev.oms.spi.Quantity}, {@link dev.oms.spi.Address}, money limits ({@link dev.oms.spi.Amounts}),
 * {@link dev.oms.spi.IdGenerator}, the retention contract every store shares
 * ({@link dev.oms.spi.Purgeable}) and the {@link dev.oms.spi.OmsException} hierarchy every refusal
 * belongs to. Every value checks itself on construction and refuses bad input with a typed error
 * naming the field.
 */
package dev.oms.spi;
