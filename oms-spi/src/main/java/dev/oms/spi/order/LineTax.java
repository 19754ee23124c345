package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.TaxPolicy.TaxSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.money.CurrencyUnit;

/**
 * How a line or a shipping charge is taxed: by {@link Rates} oms computes from, or by amounts the
 * host {@link Supplied}. Which of the two an order takes is its {@link TaxPolicy#source()}; an
 * untaxed line ({@link #none()}) fits either.
 */
public sealed interface LineTax {
    /** Rates or supplied taxes one line carries at most (VAT; or state, county, city and district sales tax). */
    int MAX_TAXES = 8;

    /**
     * Tax oms computes from these rates under the order's {@link TaxPolicy}, whatever the line's
     * quantity becomes.
     *
     * @param rates the rates, none for an untaxed line, each code at most once
     */
    record Rates(List<TaxRate> rates) implements LineTax {
        /** @throws InvalidInputException if the list is null, too long or names a code twice */
        public Rates {
            InvalidInputException.requireNonNull(rates, "LineTax.rates");
            rates.forEach(r -> InvalidInputException.requireNonNull(r, "LineTax.rates"));
            rates = List.copyOf(rates);
            requireDistinct(rates.stream().map(TaxRate::code).toList(), "LineTax.rates");
        }
    }

    /**
     * Tax amounts the host computed for {@code units} units of the line (1 for a shipping charge).
     * Another number of units {@code k} bears each amount times {@code k / units}, rounded by the
     * policy's mode; at {@code units} units that is the amount itself, so the parts of a partly
     * cancelled line add up to what the host supplied.
     *
     * @param taxes the amounts, each code at most once, in one currency
     * @param units the units they are for, from 1 to {@link Quantity#MAX}
     */
    record Supplied(List<TaxLine> taxes, long units) implements LineTax {
        /**
         * @throws InvalidInputException if the list is null, too long, names a code twice or mixes
         *     currencies, or the units are out of range
         */
        public Supplied {
            InvalidInputException.requireNonNull(taxes, "LineTax.taxes");
            taxes.forEach(t -> InvalidInputException.requireNonNull(t, "LineTax.taxes"));
            taxes = List.copyOf(taxes);
            requireDistinct(taxes.stream().map(TaxLine::code).toList(), "LineTax.taxes");
            if (units < 1 || units > Quantity.MAX) {
                throw new InvalidInputException("LineTax.units", "must be from 1 to " + Quantity.MAX + " (was "
                        + units + ")");
            }
            for (int i = 1; i < taxes.size(); i++) {
                CurrencyUnit first = taxes.get(0).amount().getCurrency();
                if (!taxes.get(i).amount().getCurrency().equals(first)) {
                    throw new InvalidInputException.CurrencyMismatchException("LineTax.taxes[" + i + "]", first,
                            taxes.get(i).amount().getCurrency());
                }
            }
        }
    }

    /** @return no tax */
    static LineTax none() {
        return new Rates(List.of());
    }

    /**
     * @param rates the rates oms computes the tax from
     * @return the line's tax
     */
    static LineTax rates(TaxRate... rates) {
        return new Rates(java.util.Arrays.asList(InvalidInputException.requireNonNull(rates, "LineTax.rates")));
    }

    /**
     * @param units the units the amounts are for
     * @param taxes the amounts the host computed
     * @return the line's tax
     */
    static LineTax supplied(long units, TaxLine... taxes) {
        return new Supplied(java.util.Arrays.asList(InvalidInputException.requireNonNull(taxes, "LineTax.taxes")),
                units);
    }

    /**
     * The tax of one unit as one amount under the code {@code "TAX"}: what a host that computes a
     * per-unit tax (and oms before tax lines) supplies. A zero amount is no tax.
     *
     * @param amount the tax on one unit
     * @return the line's tax
     */
    static LineTax perUnit(javax.money.MonetaryAmount amount) {
        InvalidInputException.requireNonNull(amount, "LineTax.amount");
        return amount.isZero() ? none() : supplied(1, TaxLine.of("TAX", amount));
    }

    /** @return whether the line carries any tax (a rate or an amount) */
    default boolean taxed() {
        return this instanceof Rates r ? !r.rates().isEmpty() : !((Supplied) this).taxes().isEmpty();
    }

    /**
     * @param source the order's tax source
     * @return whether this tax fits it: rates for {@link TaxSource#RATES}, amounts for
     *     {@link TaxSource#HOST}, and no tax for either
     */
    default boolean fits(TaxSource source) {
        return !taxed() || (source == TaxSource.RATES) == (this instanceof Rates);
    }

    /**
     * @param currency the currency of the line's prices
     * @param field the field named in an error
     * @return this tax
     * @throws InvalidInputException if a supplied amount is in another currency, negative or finer
     *     than its minor unit
     */
    default LineTax requireAmountsIn(CurrencyUnit currency, String field) {
        if (this instanceof Supplied supplied) {
            for (int i = 0; i < supplied.taxes().size(); i++) {
                Amounts.requireNonNegative(supplied.taxes().get(i).amount(), currency, field + ".taxes[" + i + "]");
            }
        }
        return this;
    }

    /**
     * @param policy the order's tax policy
     * @param currency the order's currency
     * @param field the field named in an error
     * @return this tax
     * @throws InvalidInputException if it does not {@link #fits} the policy's source, or an amount
     *     is off ({@link #requireAmountsIn})
     */
    default LineTax requireFits(TaxPolicy policy, CurrencyUnit currency, String field) {
        requireAmountsIn(currency, field);
        if (!fits(policy.source())) {
            throw new InvalidInputException(field, policy.source() == TaxSource.HOST
                    ? "names tax rates " + ((Rates) this).rates().stream().map(TaxRate::code).toList()
                            + " but the order's tax policy says the host supplies its tax amounts (HOST)"
                    : "carries supplied tax amounts but the order's tax policy says oms computes its tax from rates"
                            + " (RATES)");
        }
        return this;
    }

    private static void requireDistinct(List<String> codes, String field) {
        if (codes.size() > MAX_TAXES) {
            throw new InvalidInputException(field, "more than " + MAX_TAXES + " taxes (was " + codes.size() + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String code : codes) {
            if (!seen.add(code)) {
                throw new InvalidInputException(field, "tax code " + code + " is given twice");
            }
        }
    }
}
